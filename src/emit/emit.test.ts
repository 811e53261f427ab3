import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it, after } from '../../test/harness.js';
import { loadMem } from '../../test/helpers.js';
import { buildModel } from '../model/build.js';
import { convert } from '../transform/index.js';
import { writeFiles, WRITTEN_LIST } from '../io/write-files.js';
import { formInput } from './form.js';
import { valuesDiff, valuesKeys, valuesSchema } from './helm/values.js';
import { Hooks } from './helm/template.js';
import { joinImage, splitImage } from './images.js';
import { quantity } from './environments.js';
import { planFiles } from './index.js';

function conversionOf(compose: string) {
  const { project, fs, diagnostics } = loadMem({ 'compose.yaml': compose, 'web/Dockerfile': 'FROM nginx:1.27\n' });
  if (!project) throw new Error(`the test project does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
  const model = buildModel(project, { fs }).value;
  return { model, conversion: convert(model, project, {}, fs).value };
}

describe('emit: image references', () => {
  it('splits registry ports, tags and digests apart and joins them back', () => {
    for (const [raw, parts] of [
      ['postgres', { repository: 'postgres' }],
      ['postgres:16-alpine', { repository: 'postgres', tag: '16-alpine' }],
      ['localhost:5000/team/app', { repository: 'localhost:5000/team/app' }],
      ['localhost:5000/team/app:1.2', { repository: 'localhost:5000/team/app', tag: '1.2' }],
      ['ghcr.io/a/b:1@sha256:abc', { repository: 'ghcr.io/a/b', tag: '1', digest: 'sha256:abc' }],
      ['ghcr.io/a/b@sha256:abc', { repository: 'ghcr.io/a/b', digest: 'sha256:abc' }],
    ] as const) {
      assert.deepEqual(splitImage(raw), parts, raw);
      assert.equal(joinImage(splitImage(raw)), raw);
    }
  });
  it('reads Kubernetes quantities, and says NaN for what is not one', () => {
    assert.equal(quantity('500m'), 0.5);
    assert.equal(quantity('1Gi'), 1024 ** 3);
    assert.equal(quantity('2'), 2);
    assert.equal(quantity('64M'), 64e6);
    assert.ok(Number.isNaN(quantity('lots')));
    assert.ok(Number.isNaN(quantity('5Xi')));
  });
});

describe('emit: the development variant', () => {
  const { model, conversion } = conversionOf(
    [
      'services:',
      '  web:',
      '    build: ./web',
      '    image: acme/web:1.0',
      '    ports: ["8080:80"]',
      '    deploy:',
      '      replicas: 3',
      '      resources:',
      '        limits: {cpus: "2", memory: 2G}',
      '        reservations: {cpus: "1", memory: 1G}',
      '  db:',
      '    image: postgres:16',
      '    environment: {POSTGRES_PASSWORD: pw123456}',
      '    volumes: [data:/var/lib/postgresql/data]',
      '    deploy:',
      '      resources:',
      '        reservations: {cpus: "0.01", memory: 32M}',
      'volumes: {data: {}}',
    ].join('\n'),
  );
  const input = formInput(conversion, model, {});
  const prod = new Map(input.envs.prod.map((r) => [r.id, r.json]));
  const dev = new Map(input.envs.dev.map((r) => [r.id, r.json]));
  it('keeps production as generated and drops the PodDisruptionBudget and the backup job in development', () => {
    assert.ok(prod.has('PodDisruptionBudget/web') && !dev.has('PodDisruptionBudget/web'));
    assert.ok(prod.has('CronJob/db-backup') && !dev.has('CronJob/db-backup'));
    // The backup claim stays: the database's pod mounts it, so that it is bound when the database starts.
    assert.ok(prod.has('PersistentVolumeClaim/db-backups') && dev.has('PersistentVolumeClaim/db-backups'));
    for (const [env, objects] of [
      ['prod', prod],
      ['dev', dev],
    ] as const)
      for (const o of objects.values())
        for (const v of (o as any).spec?.template?.spec?.volumes ?? [])
          if (v.persistentVolumeClaim)
            assert.ok(
              objects.has(`PersistentVolumeClaim/${v.persistentVolumeClaim.claimName}`),
              `${env}: ${o.kind}/${o.metadata.name} mounts ${v.persistentVolumeClaim.claimName}, which ${env} has`,
            );
    assert.equal(prod.get('Deployment/web')!.spec!.replicas, 3);
    assert.equal(dev.get('Deployment/web')!.spec!.replicas, 1);
  });
  it('lowers requests to the development size, never raises them, and keeps the limits', () => {
    const c = (m: Map<string, any>, id: string) => m.get(id).spec.template.spec.containers[0];
    assert.deepEqual(c(dev, 'Deployment/web').resources.requests, { cpu: '50m', memory: '64Mi' });
    assert.deepEqual(c(dev, 'Deployment/web').resources.limits, c(prod, 'Deployment/web').resources.limits);
    assert.deepEqual(c(dev, 'StatefulSet/db').resources.requests, c(prod, 'StatefulSet/db').resources.requests);
  });
  it('does not pull again an image built here, and only warns about Pod Security', () => {
    const c = (m: Map<string, any>, id: string) => m.get(id).spec.template.spec.containers[0];
    assert.equal(c(dev, 'Deployment/web').imagePullPolicy, 'IfNotPresent');
    assert.equal(c(dev, 'StatefulSet/db').imagePullPolicy, c(prod, 'StatefulSet/db').imagePullPolicy);
    const ns = [...dev.values()].find((o) => o.kind === 'Namespace')!.metadata.labels!;
    const prodNs = [...prod.values()].find((o) => o.kind === 'Namespace')!.metadata.labels!;
    assert.ok(prodNs['pod-security.kubernetes.io/enforce']);
    assert.equal(ns['pod-security.kubernetes.io/enforce'], undefined);
    assert.ok(ns['pod-security.kubernetes.io/warn']);
  });
  it('does not change the production objects while deriving development', () => {
    const again = formInput(conversion, model, {});
    assert.deepEqual(
      input.envs.prod.map((r) => r.json),
      again.envs.prod.map((r) => r.json),
    );
  });
  it('writes the deploy commands of the chosen form into NOTES.md, Secrets before the manifests', () => {
    for (const [form, command] of [
      ['kustomize', 'kubectl apply -k k8s/overlays/prod'],
      ['plain', 'kubectl apply -f k8s/prod.yaml'],
      ['helm', 'helm upgrade --install'],
    ] as const) {
      const notes = planFiles(conversion, model, { form }).get('NOTES.md')!;
      assert.ok(notes.includes(command), form);
      const secrets = notes.indexOf(form === 'helm' ? 'values-secrets.yaml' : 'secrets.yaml');
      assert.ok(secrets > 0 && secrets < notes.indexOf(command) + command.length + 200, form);
    }
  });
});

describe('emit: Helm values', () => {
  it('gives every name a camelCase key, distinct even when two names collapse to one', () => {
    const keys = valuesKeys(['rest-api', 'rest_api', 'restApi', '1st', 'db']);
    assert.deepEqual([...keys.values()], ['restApi', 'restApi2', 'restApi3', '_1st', 'db']);
  });
  it('writes only what development changes into values-dev.yaml', () => {
    const prod = { a: { x: 1, y: { z: 'p' } }, b: true, list: [1, 2] };
    const dev = { a: { x: 1, y: { z: 'd' } }, b: true, list: [1, 3] };
    assert.deepEqual(valuesDiff(prod, dev), { a: { y: { z: 'd' } }, list: [1, 3] });
    assert.equal(valuesDiff(prod, prod), undefined);
  });
  it('types every key and accepts no other (a typo fails), but leaves resources and env free', () => {
    const schema = valuesSchema({ services: { web: { replicas: 2, resources: {}, env: {}, image: { tag: 'x' } } } });
    const web = (schema as any).properties.services.properties.web;
    assert.equal(web.additionalProperties, false);
    assert.deepEqual(web.properties.replicas, { type: 'integer', minimum: 0 });
    assert.deepEqual(web.properties.resources, { type: 'object' });
    assert.equal(web.properties.env.additionalProperties.type[0], 'string');
  });
  it('escapes text that Helm would read as a template, and turns each hook into template code', () => {
    const hooks = new Hooks();
    const text = hooks.render({
      spec: { replicas: hooks.add({ kind: 'scalar', expr: '{{ $v.replicas }}' }), note: 'a {{ b }}' },
      list: [{ name: 'x', image: hooks.add({ kind: 'optional', expr: '$v.image' }) }],
    });
    assert.match(text, /replicas: \{\{ \$v\.replicas \}\}/);
    assert.match(text, /note: a \{\{ "\{\{" \}\} b \}\}/);
    assert.match(text, /\{\{- with \$v\.image \}\}\n\s+image: \{\{ \. \}\}\n\s+\{\{- end \}\}/);
  });
});

describe('emit: writing the output folder again', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const fresh = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'stevedore-write-'));
    dirs.push(d);
    return d;
  };
  it("removes only its own files that it no longer writes, never a user's file or an edited one", () => {
    const dir = fresh();
    writeFiles(
      dir,
      new Map([
        ['a/one.yaml', '1'],
        ['a/two.yaml', '2'],
        ['b/three.yaml', '3'],
      ]),
    );
    writeFileSync(path.join(dir, 'a', 'mine.yaml'), 'user');
    writeFileSync(path.join(dir, 'a', 'two.yaml'), '2 edited');
    const r = writeFiles(dir, new Map([['a/one.yaml', '1']]));
    assert.deepEqual(r.removed, ['b/three.yaml']);
    assert.deepEqual(r.kept, ['a/two.yaml']);
    assert.ok(existsSync(path.join(dir, 'a', 'mine.yaml')));
    assert.ok(!existsSync(path.join(dir, 'b')), 'an emptied folder goes too');
    assert.match(readFileSync(path.join(dir, WRITTEN_LIST), 'utf8'), /a\/one\.yaml/);
  });
  it('ignores a list that names files outside the folder', () => {
    const dir = fresh();
    const outside = fresh();
    writeFileSync(path.join(outside, 'precious.yaml'), 'x');
    mkdirSync(path.join(dir, 'sub'));
    const hash = 'e'.repeat(64);
    writeFileSync(
      path.join(dir, WRITTEN_LIST),
      `${hash}  ../${path.basename(outside)}/precious.yaml\n${hash}  ${path.join(outside, 'precious.yaml')}\n`,
    );
    writeFiles(dir, new Map([['x.yaml', 'y']]));
    assert.ok(existsSync(path.join(outside, 'precious.yaml')));
  });
  it('leaves a folder without its list alone (a user folder, or output of an older version)', () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'kustomization.yaml'), '# kubectl apply -k .\nresources: []\n');
    writeFiles(dir, new Map([['x.yaml', 'y']]));
    assert.ok(existsSync(path.join(dir, 'kustomization.yaml')));
  });
});
