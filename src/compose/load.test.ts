import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { brief, errorsOf, loadMem } from '../../test/helpers.js';
import { loadProject } from './load.js';
import { memoryFs } from '../io/fs.js';

const ok = (files: Record<string, string>, options = {}) => {
  const r = loadMem(files, options);
  assert.deepEqual(errorsOf(r.diagnostics), []);
  return r.project!;
};

describe('finding the files and naming the project', () => {
  const fs = memoryFs({
    '/w/My App/compose.yaml': 'services:\n  a:\n    image: x\n',
    '/w/My App/compose.override.yaml': 'services:\n  a:\n    image: y\n',
  });
  it('discovers compose.yaml and its override in the folder', () => {
    const r = loadProject({ cwd: '/w/My App', environment: {}, fs });
    assert.deepEqual(r.value.project!.files, ['/w/My App/compose.yaml', '/w/My App/compose.override.yaml']);
    assert.equal(r.value.project!.services.a!.image, 'y');
  });
  it('normalizes the folder name into a project name', () => {
    assert.equal(loadProject({ cwd: '/w/My App', environment: {}, fs }).value.project!.name, 'myapp');
  });
  it('takes -p over COMPOSE_PROJECT_NAME over the name key', () => {
    const files = { 'compose.yaml': 'name: fromfile\nservices:\n  a:\n    image: x\n' };
    assert.equal(ok(files).name, 'fromfile');
    assert.equal(ok(files, { environment: { COMPOSE_PROJECT_NAME: 'fromenv' } }).name, 'fromenv');
    assert.equal(ok(files, { environment: { COMPOSE_PROJECT_NAME: 'fromenv' }, projectName: 'flag' }).name, 'flag');
  });
  it('rejects an invalid explicit name', () => {
    const r = loadMem({ 'compose.yaml': 'name: Bad Name\nservices: {}\n' });
    assert.deepEqual(brief(r.diagnostics), ['invalid-project-name@1:7']);
  });
  it('reports a folder with no Compose file', () => {
    const r = loadProject({ cwd: '/empty', environment: {}, fs });
    assert.equal(r.diagnostics[0]!.code, 'no-compose-file');
    assert.equal(r.value.project, undefined);
  });
  it('reports a -f file that does not exist', () => {
    const r = loadProject({ cwd: '/w', files: ['nope.yml'], environment: {}, fs });
    assert.equal(r.diagnostics[0]!.code, 'file-not-found');
  });
  it('reads COMPOSE_FILE', () => {
    const r = loadProject({ cwd: '/w/My App', environment: { COMPOSE_FILE: 'compose.yaml' }, fs });
    assert.equal(r.value.project!.services.a!.image, 'x');
  });
});

describe('environment', () => {
  it('reads .env from the project folder; the process environment wins', () => {
    const files = {
      'compose.yaml': 'services:\n  a:\n    image: "img:${TAG}"\n    environment:\n      - FROM_DOTENV=${ONLY}\n',
      '.env': 'TAG=dotenv\nONLY=o\n',
    };
    assert.equal(ok(files).services.a!.image, 'img:dotenv');
    assert.equal(ok(files, { environment: { TAG: 'shell' } }).services.a!.image, 'img:shell');
    assert.equal(ok(files).services.a!.environment.FROM_DOTENV, 'o');
  });
  it('--env-file replaces .env, and several are read in order', () => {
    const files = {
      'compose.yaml': 'services:\n  a:\n    image: "img:${TAG}-${X}"\n',
      '.env': 'TAG=dotenv\n',
      'a.env': 'TAG=a\nX=1\n',
      'b.env': 'TAG=b\n',
    };
    assert.equal(ok(files, { envFiles: ['a.env', 'b.env'] }).services.a!.image, 'img:b-1');
  });
  it('a missing --env-file is an error', () => {
    const r = loadMem({ 'compose.yaml': 'services: {}\n' }, { envFiles: ['missing.env'] });
    assert.equal(r.diagnostics[0]!.code, 'env-file-not-found');
  });
  it('environment as list or map; a bare key takes the value from the environment or stays unset', () => {
    const p = ok(
      {
        'compose.yaml':
          'services:\n  a:\n    image: x\n    environment: [A=1, "B=x=y", FROM_SHELL, NOT_SET]\n  b:\n    image: x\n    environment:\n      N: 5\n      T: true\n      E:\n',
      },
      { environment: { FROM_SHELL: 'sh', E: 'e' } },
    );
    assert.deepEqual(p.services.a!.environment, { A: '1', B: 'x=y', FROM_SHELL: 'sh', NOT_SET: null });
    assert.deepEqual(p.services.b!.environment, { E: 'e', N: '5', T: 'true' });
  });
  it('env_file is read into environment; environment wins; positions point into the env file', () => {
    const r = loadMem({
      'compose.yaml':
        'services:\n  a:\n    image: x\n    env_file: [app.env, {path: opt.env, required: false}]\n    environment:\n      B: fromcompose\n',
      'app.env': 'A=1\nB=fromfile\n',
    });
    assert.deepEqual(errorsOf(r.diagnostics), []);
    assert.deepEqual(r.project!.services.a!.environment, { A: '1', B: 'fromcompose' });
    assert.deepEqual(r.project!.services.a!.env_file, [
      { path: '/p/app.env', required: true },
      { path: '/p/opt.env', required: false },
    ]);
    assert.deepEqual(r.project!.origins.get('/services/a/environment/A'), {
      file: '/p/app.env',
      line: 1,
      col: 1,
      path: 'A',
    });
  });
  it('a missing required env_file is one error naming the file, with a hint to copy its example', () => {
    const r = loadMem({
      'compose.yaml':
        'services:\n  a:\n    image: x\n    env_file: .env.production\n  b:\n    image: x\n    env_file: .env.production\n',
      '.env.production.example': 'A=1\n',
    });
    const errors = errorsOf(r.diagnostics);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, 'env-file-not-found');
    assert.match(errors[0]!.message, /\.env\.production/);
    assert.match(errors[0]!.hint!, /cp .*\.env\.production\.example/);
    assert.match(errors[0]!.hint!, /also used at compose.yaml:7/);
  });
  it('env_file format raw keeps quotes', () => {
    const p = ok({
      'compose.yaml': 'services:\n  a:\n    image: x\n    env_file:\n      - path: raw.env\n        format: raw\n',
      'raw.env': 'Q="kept"\n',
    });
    assert.equal(p.services.a!.environment.Q, '"kept"');
  });
  it('suggests the shipped example when variables are missing and there is no .env', () => {
    const r = loadMem({ 'compose.yaml': 'services:\n  a:\n    image: "x:${TAG}"\n', 'env.example': 'TAG=1\n' });
    assert.ok(
      r.diagnostics.some((d) => d.code === 'env-example-available' && /--env-file env.example/.test(d.hint ?? '')),
    );
  });
});

describe('include', () => {
  it('short form: resources join the project, paths relative to the included file', () => {
    const p = ok({
      'compose.yaml': 'include:\n  - sub/db.yaml\nservices:\n  web:\n    image: w\n    depends_on: [db]\n',
      'sub/db.yaml':
        'services:\n  db:\n    image: pg\n    volumes: [./init:/init, data:/var/lib/pg]\nvolumes:\n  data: {}\n',
    });
    assert.deepEqual(Object.keys(p.services), ['db', 'web']);
    assert.equal(p.services.db!.volumes[0]!.source, '/p/sub/init');
    assert.ok(p.volumes.data);
    assert.ok(p.files.includes('/p/sub/db.yaml'));
  });
  it('long form: project_directory and env_file', () => {
    const p = ok({
      'compose.yaml':
        'include:\n  - path: [lib/a.yaml]\n    project_directory: other\n    env_file: lib/vars.env\nservices: {}\n',
      'lib/a.yaml': 'services:\n  a:\n    image: "img:${V}"\n    build: ./ctx\n',
      'lib/vars.env': 'V=7\n',
    });
    assert.equal(p.services.a!.image, 'img:7');
    assert.equal(p.services.a!.build!.context, '/p/other/ctx');
  });
  it('the including project variables win over the included env file', () => {
    const p = ok({
      'compose.yaml': 'include:\n  - path: a.yaml\n    env_file: a.env\n',
      'a.yaml': 'services:\n  a:\n    image: "img:${V}"\n',
      'a.env': 'V=inner\n',
      '.env': 'V=outer\n',
    });
    assert.equal(p.services.a!.image, 'img:outer');
  });
  it('reports a conflict with a local resource', () => {
    const r = loadMem({
      'compose.yaml': 'include: [a.yaml]\nservices:\n  a:\n    image: mine\n',
      'a.yaml': 'services:\n  a:\n    image: theirs\n',
    });
    assert.deepEqual(brief(errorsOf(r.diagnostics)), ['include-conflict@3:3']);
  });
  it('reports an include cycle', () => {
    const r = loadMem({
      'compose.yaml': 'include: [a.yaml]\nservices: {}\n',
      'a.yaml': 'include: [compose.yaml]\nservices: {}\n',
    });
    assert.deepEqual(brief(errorsOf(r.diagnostics)), ['include-cycle@1:11']);
    assert.equal(r.diagnostics.find((d) => d.code === 'include-cycle')!.origin!.file, '/p/a.yaml');
  });
  it('reports a missing included file at the include entry', () => {
    const r = loadMem({ 'compose.yaml': 'include:\n  - nope.yaml\nservices: {}\n' });
    assert.deepEqual(brief(errorsOf(r.diagnostics)), ['file-not-found@2:5']);
  });
});

describe('extends', () => {
  it('same file, string and mapping forms, recursive, local keys win', () => {
    const p = ok({
      'compose.yaml':
        'services:\n  base:\n    image: b\n    environment: {A: "1", B: "1"}\n    ports: ["80"]\n  mid:\n    extends: base\n    environment: {B: "2"}\n  top:\n    extends:\n      service: mid\n    image: t\n',
    });
    assert.equal(p.services.top!.image, 't');
    assert.deepEqual(p.services.top!.environment, { A: '1', B: '2' });
    assert.equal(p.services.top!.ports.length, 1);
    assert.equal(p.services.top!.extends, undefined);
  });
  it('from another file, whose relative paths stay relative to it', () => {
    const p = ok({
      'compose.yaml':
        'services:\n  app:\n    extends:\n      file: common/base.yaml\n      service: web\n    command: ["run"]\n',
      'common/base.yaml': 'services:\n  web:\n    image: w\n    build: ./src\n    env_file: web.env\n',
      'common/web.env': 'FROM_BASE=1\n',
    });
    assert.equal(p.services.app!.build!.context, '/p/common/src');
    assert.deepEqual(p.services.app!.environment, { FROM_BASE: '1' });
    assert.deepEqual(p.services.app!.command, ['run']);
  });
  it('reports a cycle where it closes', () => {
    const r = loadMem({
      'compose.yaml': 'services:\n  a:\n    extends: b\n    image: x\n  b:\n    extends: a\n    image: y\n',
    });
    assert.deepEqual(brief(errorsOf(r.diagnostics)).filter((b) => b.startsWith('extends-cycle')).length, 1);
  });
  it('reports an unknown base service', () => {
    const r = loadMem({ 'compose.yaml': 'services:\n  a:\n    extends: ghost\n    image: x\n' });
    assert.deepEqual(brief(errorsOf(r.diagnostics)), ['extends-unknown@3:14']);
  });
  it('reports a cycle across files', () => {
    const r = loadMem({
      'compose.yaml': 'services:\n  a:\n    extends: {file: b.yaml, service: b}\n',
      'b.yaml': 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n',
    });
    assert.ok(errorsOf(r.diagnostics).some((d) => d.code === 'extends-cycle'));
  });
});

describe('profiles', () => {
  const files = {
    'compose.yaml':
      'services:\n  app:\n    image: a\n  debug:\n    image: d\n    profiles: [debug]\n  ops:\n    image: o\n    profiles: [ops, maint]\n',
  };
  it('services without profiles are always enabled; others only when asked', () => {
    const p = ok(files);
    assert.deepEqual(Object.keys(p.services), ['app']);
    assert.deepEqual(p.disabled_services, { debug: ['debug'], ops: ['ops', 'maint'] });
  });
  it('--profile and COMPOSE_PROFILES enable them; * enables all', () => {
    assert.deepEqual(Object.keys(ok(files, { profiles: ['maint'] }).services), ['app', 'ops']);
    assert.deepEqual(Object.keys(ok(files, { environment: { COMPOSE_PROFILES: 'debug,ops' } }).services), [
      'app',
      'debug',
      'ops',
    ]);
    assert.deepEqual(Object.keys(ok(files, { profiles: ['*'] }).services), ['app', 'debug', 'ops']);
  });
  it('depending on a disabled service is an error, or a warning when not required', () => {
    const r = loadMem({
      'compose.yaml':
        'services:\n  app:\n    image: a\n    depends_on: [dbg]\n  dbg:\n    image: d\n    profiles: [debug]\n',
    });
    assert.deepEqual(brief(errorsOf(r.diagnostics)), ['disabled-dependency@4:18']);
    const soft = loadMem({
      'compose.yaml':
        'services:\n  app:\n    image: a\n    depends_on:\n      dbg: {condition: service_started, required: false}\n  dbg:\n    image: d\n    profiles: [debug]\n',
    });
    assert.deepEqual(errorsOf(soft.diagnostics), []);
    assert.equal(soft.diagnostics[0]!.code, 'disabled-dependency');
  });
});

describe('YAML features', () => {
  it('anchors, aliases and << merge keys; explicit keys win', () => {
    const p = ok({
      'compose.yaml':
        'x-common: &common\n  image: base\n  restart: always\n  environment: &env\n    A: "1"\nservices:\n  a:\n    <<: *common\n    image: mine\n  b:\n    <<: [*common]\n    environment:\n      <<: *env\n      B: "2"\n',
    });
    assert.equal(p.services.a!.image, 'mine');
    assert.equal(p.services.a!.restart, 'always');
    assert.deepEqual(p.services.b!.environment, { A: '1', B: '2' });
    assert.deepEqual(p.extensions['x-common'], { image: 'base', restart: 'always', environment: { A: '1' } });
  });
  it('keeps x- extensions on services', () => {
    const p = ok({ 'compose.yaml': 'services:\n  a:\n    image: x\n    x-stevedore:\n      size: 20Gi\n' });
    assert.deepEqual(p.services.a!['x-stevedore'], { size: '20Gi' });
  });
  it('warns that version is obsolete', () => {
    const r = loadMem({ 'compose.yaml': 'version: "3.8"\nservices:\n  a:\n    image: x\n' });
    assert.deepEqual(brief(r.diagnostics), ['obsolete-version@1:1']);
  });
  it('a file with an empty services key is an empty project', () => {
    const p = ok({ 'compose.yaml': 'services: {}\n' });
    assert.deepEqual(p.services, {});
  });
});

describe('what real stacks write and Compose reads', () => {
  it('the explicit merge tag `!!merge <<: *anchor` (signoz) merges like `<<`', () => {
    const p = ok({
      'compose.yaml':
        'x-base: &base\n  image: nginx:1.27\n  restart: always\nservices:\n  web:\n    !!merge <<: *base\n    restart: "no"\n',
    });
    assert.equal(p.services.web!.image, 'nginx:1.27');
    assert.equal(p.services.web!.restart, 'no', 'the explicit key wins over the merged one');
  });
  it('`networks: [default]` needs no declaration: Compose defines default itself', () => {
    const p = ok({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    networks: [default]\n' });
    assert.ok(p.networks.default);
  });
  it('a host port published twice is a warning (Docker would refuse it; a cluster does not care)', () => {
    const r = loadMem({
      'compose.yaml':
        'services:\n  a:\n    image: x\n    ports: ["8080:80"]\n  b:\n    image: y\n    ports: ["8080:3000"]\n',
    });
    assert.ok(r.project);
    const d = r.diagnostics.find((x) => x.code === 'duplicate-published-port');
    assert.equal(d?.severity, 'warning');
    assert.equal(`${d?.origin?.line}:${d?.origin?.col}`, '7:13');
    assert.match(d?.message ?? '', /b publishes host port 8080\/tcp, which a already publishes/);
  });
  it('an empty file, or one with only comments, is an error at 1:1 (as in Compose)', () => {
    for (const text of ['', '# nothing here\n']) {
      const r = loadMem({ 'compose.yaml': text });
      assert.equal(r.project, undefined);
      assert.deepEqual(brief(errorsOf(r.diagnostics)), ['empty-file@1:1']);
    }
  });
  it('the version-1 format (services at the top level) is read, with a warning at its first service', () => {
    const r = loadMem({
      'compose.yml': 'web:\n  image: nginx:1.27\n  links: [db]\n  ports: ["80:80"]\ndb:\n  image: postgres:16\n',
    });
    assert.deepEqual(errorsOf(r.diagnostics), []);
    assert.deepEqual(Object.keys(r.project!.services).sort(), ['db', 'web']);
    const w = r.diagnostics.find((d) => d.code === 'compose-v1-format');
    assert.equal(w?.severity, 'warning');
    assert.equal(w?.origin?.line, 1);
  });
  it('a top-level key that is no service and no Compose key is still an error (not mistaken for version 1)', () => {
    const r = loadMem({ 'compose.yml': 'web:\n  image: nginx\nsettings:\n  debug: true\n' });
    assert.equal(r.project, undefined);
    assert.ok(r.diagnostics.some((d) => d.code === 'schema-unknown-key'));
  });
});
