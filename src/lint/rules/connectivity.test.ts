import assert from 'node:assert/strict';
import { buildModel } from '../../model/build.js';
import { describe, it } from '../../../test/harness.js';
import { loadMem } from '../../../test/helpers.js';
import { container, deployment, docs, runRule, service } from '../../../test/lint-cases.js';
import { composeLinks } from '../compose-links.js';
import rule from './connectivity.js';

const COMPOSE = `services:
  web:
    image: nginx:1.27
    environment:
      API_URL: http://api:8080/v1
    depends_on: [api]
  api:
    image: node:20
    networks:
      default:
        aliases: [backend]
  shop:
    image: node:20
    links: ["api:legacy"]
`;

function links() {
  const { project, diagnostics } = loadMem({ 'compose.yaml': COMPOSE });
  assert.ok(project, diagnostics.map((d) => d.message).join('; '));
  return composeLinks(buildModel(project).value, 'compose.yaml');
}

const api = (extra = {}) =>
  deployment({
    name: 'api',
    labels: { 'app.kubernetes.io/name': 'api' },
    containers: [container({ name: 'api', ports: [{ name: 'http', containerPort: 8080 }] })],
    ...extra,
  });
const web = deployment({ name: 'web', labels: { 'app.kubernetes.io/name': 'web' } });
const shop = deployment({ name: 'shop', labels: { 'app.kubernetes.io/name': 'shop' } });
const svc = (name: string, spec = {}) =>
  service(
    { name },
    {
      selector: { 'app.kubernetes.io/name': 'api' },
      ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
      ...spec,
    },
  );
const policy = (from: object[], ports?: object[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'api', namespace: 'shop' },
  spec: {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
    policyTypes: ['Ingress'],
    ingress: [{ from, ...(ports ? { ports } : {}) }],
  },
});
const from = (name: string) => ({ podSelector: { matchLabels: { 'app.kubernetes.io/name': name } } });
const run = (yaml: string) => runRule(rule, yaml, { compose: links() }).map((f) => f.message);

describe('lint rule connectivity', () => {
  it('finds what the Compose file reaches: names, aliases, link aliases, ports', () => {
    const l = links().links.map((x) => `${x.from}>${x.host}${x.port ? `:${x.port}` : ''} (${x.why})`);
    assert.deepEqual(l.sort(), ['shop>legacy (link)', 'web>api (depends_on)', 'web>api:8080 (API_URL)']);
  });
  it('is silent when every name has a Service on the port and the policies admit the clients', () => {
    assert.deepEqual(
      run(docs(web, shop, api(), svc('api'), svc('legacy'), policy([from('web'), from('shop')], [{ port: 8080 }]))),
      [],
    );
  });
  it('flags a name with no Service (a service without ports got none)', () => {
    assert.deepEqual(run(docs(web, shop, api(), svc('legacy'))), [
      'web reaches api (depends_on, /p/compose.yaml:6), but there is no Service named api: the name does not resolve',
      'web reaches api:8080 (API_URL, /p/compose.yaml:5), but there is no Service named api: the name does not resolve',
    ]);
  });
  it('flags a link alias with no Service, a Service on the wrong port, and one that selects other pods', () => {
    assert.deepEqual(
      run(
        docs(
          web,
          shop,
          api(),
          svc('api', { ports: [{ port: 80, targetPort: 'http' }] }),
          svc('legacy', { selector: { app: 'x' } }),
        ),
      ),
      [
        'web reaches api:8080 (API_URL, /p/compose.yaml:5), but Service api has no port 8080',
        'shop reaches legacy (link, /p/compose.yaml:14), but Service legacy does not select the pods of api',
      ],
    );
  });
  it('accepts a headless Service without ports for any port', () => {
    assert.deepEqual(run(docs(web, shop, api(), svc('api', { clusterIP: 'None', ports: [] }), svc('legacy'))), []);
  });
  it('flags a NetworkPolicy that leaves a client out, or admits it on another port', () => {
    assert.deepEqual(run(docs(web, shop, api(), svc('api'), svc('legacy'), policy([from('web')]))), [
      'shop reaches legacy (link, /p/compose.yaml:14), but NetworkPolicy api blocks it into Deployment api on port 8080',
    ]);
    assert.deepEqual(
      run(docs(web, shop, api(), svc('api'), svc('legacy'), policy([from('web'), from('shop')], [{ port: 9090 }])))
        .length,
      3,
    );
  });
  it('flags an egress policy on the client that does not admit the target', () => {
    const egress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web-out', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      },
    };
    assert.deepEqual(run(docs(web, shop, api(), svc('api'), svc('legacy'), egress)), [
      'web reaches api (depends_on, /p/compose.yaml:6), but NetworkPolicy web-out blocks it out of Deployment web on port 8080',
      'web reaches api:8080 (API_URL, /p/compose.yaml:5), but NetworkPolicy web-out blocks it out of Deployment web on port 8080',
    ]);
  });
  it('takes a name that cannot be a Service once the client uses its DNS form, and flags it while it does not', () => {
    const { project } = loadMem({
      'compose.yaml':
        'services:\n  web:\n    image: nginx:1.27\n    command: ["--api", "http://my_api:8080"]\n  my_api:\n    image: node:20\n',
    });
    const compose = composeLinks(buildModel(project!).value, 'compose.yaml');
    const myApi = api({ name: 'my-api', labels: { 'app.kubernetes.io/name': 'my-api' } });
    const client = (arg: string) =>
      deployment({
        name: 'web',
        labels: { 'app.kubernetes.io/name': 'web' },
        containers: [container({ args: ['--api', arg] })],
      });
    const check = (yaml: string) => runRule(rule, yaml, { compose }).map((f) => f.message);
    const rewritten = svc('my-api', { selector: { 'app.kubernetes.io/name': 'my-api' } });
    assert.deepEqual(check(docs(client('http://my-api:8080'), myApi, rewritten)), []);
    assert.deepEqual(check(docs(client('http://my_api:8080'), myApi, rewritten)), [
      'web reaches my_api:8080 (http://my_api:8080, /p/compose.yaml:4): "my_api" cannot be a Service name in Kubernetes (lower-case letters, digits and -); change the reference to my-api',
    ]);
    assert.deepEqual(check(docs(client('http://my-api:8080'), myApi)), [
      'web reaches my_api:8080 (http://my_api:8080, /p/compose.yaml:4), but there is no Service named my-api: the name does not resolve',
    ]);
  });
  it('a fixed Compose address is reached through the Service of the service that had it, once the client uses the name', () => {
    const { project } = loadMem({
      'compose.yaml':
        'services:\n  web:\n    image: nginx:1.27\n    environment:\n      API: http://172.30.0.10:8080\n    networks: [back]\n  api:\n    image: node:20\n    networks:\n      back:\n        ipv4_address: 172.30.0.10\nnetworks:\n  back: {}\n',
    });
    const compose = composeLinks(buildModel(project!).value, 'compose.yaml');
    const client = (value: string) =>
      deployment({
        name: 'web',
        labels: { 'app.kubernetes.io/name': 'web' },
        containers: [container({ env: [{ name: 'API', value }] })],
      });
    const check = (yaml: string) => runRule(rule, yaml, { compose }).map((f) => f.message);
    assert.deepEqual(check(docs(client('http://api:8080'), api(), svc('api'))), []);
    assert.deepEqual(check(docs(client('http://172.30.0.10:8080'), api(), svc('api'))), [
      'web reaches 172.30.0.10:8080 (API, /p/compose.yaml:5): 172.30.0.10 is a fixed Compose address, which no pod has in Kubernetes; use the Service name api',
    ]);
  });
  it('does not run without --compose', () => {
    assert.deepEqual(runRule(rule, docs(web)), []);
  });
});
