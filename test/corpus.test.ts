import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from './harness.js';
import { loadProject } from '../src/compose/load.js';
import { toComposeYaml } from '../src/compose/serialize.js';
import { nodeFs } from '../src/io/fs.js';
import { CORPUS, EXAMPLES, corpusStacks, itCorpus } from './helpers.js';

/**
 * Every real Compose file in ../shared/corpus and examples/ loads. The stacks that expect an env
 * file the user creates fail with one clear diagnostic per missing file, and load once it exists.
 */
const stacks = corpusStacks();
const MISSING_ENV_FILES: Record<string, string[]> = {
  mastodon: ['.env.production'],
  'plausible-ce': ['plausible-conf.env'],
  // The upstream repository keeps these under env/; the corpus holds the Compose file alone.
  'netbox-docker': ['netbox.env', 'postgres.env', 'redis-cache.env', 'redis.env'],
};
/** Stacks whose README tells the user to copy an example to .env first. */
const COPY_EXAMPLE: Record<string, string> = { ghost: '.env.example', mattermost: 'env.example' };

const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function load(dir: string, files?: string[]) {
  return loadProject({ cwd: dir, environment: { HOME: '/home/user' }, ...(files ? { files } : {}) });
}

describe('the corpus loads', () => {
  itCorpus('has the 34 stacks', () => assert.equal(stacks.length, 34));
  for (const name of stacks) {
    it(name, () => {
      const dir = path.join(CORPUS, name);
      const r = load(dir);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (MISSING_ENV_FILES[name]) {
        assert.deepEqual(
          errors.map((d) => `${d.code} ${path.basename(d.message.match(/env file (\S+)/)?.[1] ?? '')}`).sort(),
          MISSING_ENV_FILES[name].map((f) => `env-file-not-found ${f}`),
        );
        for (const e of errors) assert.ok(e.origin, 'the error points at the env_file line');
        return;
      }
      if (COPY_EXAMPLE[name]) {
        assert.ok(errors.length > 0, 'without .env it cannot load');
        assert.ok(
          r.diagnostics.some((d) => d.code === 'env-example-available'),
          'and says which example to copy',
        );
        const tmp = mkdtempSync(path.join(tmpdir(), `stevedore-${name}-`));
        temps.push(tmp);
        cpSync(dir, tmp, { recursive: true });
        cpSync(path.join(dir, COPY_EXAMPLE[name]), path.join(tmp, '.env'));
        const fixed = load(tmp);
        assert.deepEqual(
          fixed.diagnostics.filter((d) => d.severity === 'error'),
          [],
        );
        assert.ok(Object.keys(fixed.value.project!.services).length > 0);
        return;
      }
      assert.deepEqual(errors, []);
      const p = r.value.project!;
      assert.ok(Object.keys(p.services).length + Object.keys(p.disabled_services).length > 0);
      for (const svc of Object.values(p.services))
        assert.ok(svc.image || svc.build, `${svc.name} has an image or a build`);
      // The normalized project reads back to the same project.
      const again = loadProject({
        cwd: dir,
        environment: {},
        fs: {
          ...nodeFs,
          readText: (f) => (f === '/re/compose.yaml' ? toComposeYaml(p) : nodeFs.readText(f)),
          isFile: (f) => f === '/re/compose.yaml' || nodeFs.isFile(f),
        },
        files: ['/re/compose.yaml'],
      });
      assert.deepEqual(
        again.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      assert.equal(toComposeYaml(again.value.project!), toComposeYaml(p));
    });
  }
  itCorpus('mattermost with its nginx override file', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'stevedore-mm-'));
    temps.push(tmp);
    cpSync(path.join(CORPUS, 'mattermost'), tmp, { recursive: true });
    cpSync(path.join(tmp, 'env.example'), path.join(tmp, '.env'));
    const r = load(tmp, ['docker-compose.yml', 'docker-compose.nginx.yml']);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.ok(r.value.project!.services.nginx);
  });
  itCorpus('mattermost-server-testenv resolves extends from docker-compose.common.yml', () => {
    const r = load(path.join(CORPUS, 'mattermost-server-testenv'));
    const p = r.value.project!;
    assert.ok(Object.values(p.services).every((s) => s.extends === undefined));
    assert.ok(p.files.some((f) => f.endsWith('docker-compose.common.yml')));
  });
  itCorpus('loki-production keeps deploy.replicas from a service built on an anchor', () => {
    const loki = load(path.join(CORPUS, 'loki-production')).value.project!;
    assert.equal(loki.services['loki-monolithic']!.deploy!.replicas, 3);
    assert.deepEqual(
      loki.services['loki-monolithic']!.ports.map((p) => p.target),
      [3100, 9095, 7946],
    );
  });
  itCorpus('cp-all-in-one turns scale into deploy.replicas', () => {
    const cp = load(path.join(CORPUS, 'cp-all-in-one')).value.project!;
    assert.ok(Object.values(cp.services).some((s) => s.deploy?.replicas === 1 && s.scale === undefined));
  });
  itCorpus('docker-elk: the setup profile brings in the service sharing elasticsearch network', () => {
    const elk = loadProject({ cwd: path.join(CORPUS, 'docker-elk'), environment: {}, profiles: ['setup'] }).value
      .project!;
    assert.equal(elk.services.setup!.network_mode, 'service:elasticsearch');
    assert.equal(load(path.join(CORPUS, 'docker-elk')).value.project!.disabled_services.setup![0], 'setup');
  });
});

describe('the bundled examples load', () => {
  for (const name of readdirSync(EXAMPLES).sort()) {
    it(name, () => {
      const r = load(path.join(EXAMPLES, name));
      assert.deepEqual(
        r.diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
    });
  }
});
