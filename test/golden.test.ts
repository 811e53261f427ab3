import assert from 'node:assert/strict';

import path from 'node:path';
import { describe, it } from './harness.js';
import { loadProject } from '../src/compose/load.js';
import { toComposeJson, toComposeYaml } from '../src/compose/serialize.js';
import { CORPUS, EXAMPLES, ROOT, assertGolden, itCorpus, loadMem } from './helpers.js';

/**
 * Golden files of `stevedore config` output. Set UPDATE_GOLDEN=1 to rewrite them after a change
 * that is meant to alter the output, and review the diff.
 */
const GOLDEN = path.join(ROOT, 'test', 'fixtures', 'config');
const cases: [string, string, string[]][] = [
  ['songnodes', path.join(EXAMPLES, 'songnodes'), []],
  ['songnodes-ops', path.join(EXAMPLES, 'songnodes'), ['ops']],
  ['ducklake', path.join(EXAMPLES, 'ducklake'), []],
  ['muse-ai', path.join(EXAMPLES, 'muse-ai'), []],
  ['somabrain', path.join(EXAMPLES, 'somabrain'), []],
  ['voting-app', path.join(CORPUS, 'voting-app'), []],
  ['airflow', path.join(CORPUS, 'airflow'), []],
  ['temporal', path.join(CORPUS, 'temporal'), []],
  ['mattermost-server-testenv', path.join(CORPUS, 'mattermost-server-testenv'), []],
];

function render(dir: string, profiles: string[]): string {
  const r = loadProject({ cwd: dir, environment: {}, profiles });
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  // Paths are absolute: make them independent of where the checkout lives.
  return toComposeYaml(r.value.project!).split(dir).join('$PROJECT').split(path.dirname(dir)).join('$PROJECT/..');
}

describe('config output matches the golden files', () => {
  for (const [name, dir, profiles] of cases) {
    (dir.startsWith(CORPUS) ? itCorpus : it)(name, () => {
      assertGolden(path.join(GOLDEN, `${name}.yaml`), render(dir, profiles));
    });
  }
  it('the same input twice gives the same bytes', () => {
    const dir = path.join(EXAMPLES, 'songnodes');
    assert.equal(render(dir, []), render(dir, []));
  });
});

describe('equivalent inputs give byte-identical output', () => {
  const short = `services:
  web:
    image: nginx:1.27
    ports: ["8080:80", "443"]
    volumes: ["./html:/usr/share/nginx/html:ro", "cache:/var/cache/nginx"]
    environment: [MODE=prod, WORKERS=4]
    depends_on: [api]
    command: nginx -g "daemon off;"
    healthcheck:
      test: curl -f http://localhost/
      interval: 90s
  api:
    image: api:1
    labels: [tier=backend]
volumes:
  cache:
x-env:
  MODE: prod
`;
  const long = `x-env: &env
  MODE: prod
services:
  api:
    labels:
      tier: backend
    image: api:1
  web:
    image: nginx:1.27
    command: ["nginx", "-g", "daemon off;"]
    ports:
      - target: 80
        published: 8080
        protocol: tcp
      - target: 443
    volumes:
      - type: bind
        source: ./html
        target: /usr/share/nginx/html
        read_only: true
      - type: volume
        source: cache
        target: /var/cache/nginx
    environment:
      <<: *env
      WORKERS: "4"
    depends_on:
      api:
        condition: service_started
        required: true
    healthcheck:
      test: ["CMD-SHELL", "curl -f http://localhost/"]
      interval: 1m30s
volumes:
  cache: {}
`;
  it('short and long syntax, list and map, anchors and repetition', () => {
    const a = loadMem({ 'compose.yaml': short });
    const b = loadMem({ 'compose.yaml': long });
    assert.equal(toComposeYaml(a.project!), toComposeYaml(b.project!));
    assert.equal(toComposeJson(a.project!), toComposeJson(b.project!));
  });
  it('one file or the same content split over a base and an override', () => {
    const whole = loadMem({ 'compose.yaml': short });
    const split = loadMem(
      {
        'compose.yaml':
          'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    environment: [MODE=prod]\n  api:\n    image: api:1\nvolumes:\n  cache:\n',
        'compose.override.yaml':
          'services:\n  web:\n    ports: ["443"]\n    volumes: ["./html:/usr/share/nginx/html:ro", "cache:/var/cache/nginx"]\n    environment: {WORKERS: "4"}\n    depends_on: [api]\n    command: nginx -g "daemon off;"\n    healthcheck:\n      test: curl -f http://localhost/\n      interval: 90s\n  api:\n    labels: {tier: backend}\nx-env: {MODE: prod}\n',
      },
      { files: ['compose.yaml', 'compose.override.yaml'] },
    );
    assert.equal(toComposeYaml(split.project!), toComposeYaml(whole.project!));
  });
});
