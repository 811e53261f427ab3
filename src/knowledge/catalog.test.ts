import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { allStacks, loadMem } from '../../test/helpers.js';
import { loadProject } from '../compose/load.js';
import { CATALOG } from './catalog.js';
import { buildModel } from '../model/build.js';
import { lookupImage, parseImage, runtimeUser } from './index.js';

describe('the image catalog', () => {
  it('knows the corpus images it was missing, by their repositories and registries', () => {
    const id = (image: string) => lookupImage(parseImage(image))?.id;
    assert.equal(id('osixia/openldap:1.5.0'), 'openldap');
    assert.equal(id('mcr.microsoft.com/azure-storage/azurite:3.31.0'), 'azurite');
    assert.equal(id('sj26/mailcatcher:v0.10.0'), 'mailcatcher');
    assert.equal(id('traefik/whoami:v1.10'), 'whoami');
    assert.equal(id('confluentinc/cp-enterprise-control-center-next-gen:2.0.0'), 'confluent-control-center');
  });
  it('a known image that declares nothing listens on its ports and keeps its data where the image does', () => {
    const { project } = loadMem({
      'compose.yaml': `services:
  ldap:
    image: osixia/openldap:1.5.0
    volumes: [ldap-db:/var/lib/ldap]
  storage:
    image: mcr.microsoft.com/azure-storage/azurite:3.31.0
volumes:
  ldap-db: {}
`,
    });
    const model = buildModel(project!).value;
    const ldap = model.workloads.find((w) => w.name === 'ldap')!;
    assert.equal(ldap.stateful, true);
    assert.deepEqual(
      ldap.ports.map((p) => p.port),
      [389, 636],
    );
    const storage = model.workloads.find((w) => w.name === 'storage')!;
    assert.deepEqual(
      storage.ports.map((p) => `${p.port}:${p.source}`),
      ['10000:knowledge', '10001:knowledge', '10002:knowledge'],
    );
  });
});

describe('the catalog says where each user fact comes from', () => {
  it('every uid, fsGroup and root start names its source; so does every variant', () => {
    const missing = CATALOG.filter(
      (k) => (k.uid !== undefined || k.fsGroup !== undefined || k.needsRoot) && !k.userSource?.trim(),
    ).map((k) => k.id);
    assert.deepEqual(missing, []);
    for (const k of CATALOG)
      for (const v of k.variants ?? []) assert.ok(v.source.trim(), `${k.id}: a variant without source`);
  });

  it("every Bitnami image runs as 1001, as Bitnami's Dockerfiles say, whatever the upstream image does", () => {
    const wrong = CATALOG.flatMap((k) =>
      k.images
        .filter((i) => i.startsWith('bitnami/'))
        .filter((i) => runtimeUser(k, parseImage(`${i}:1`)).uid !== 1001)
        .map((i) => `${k.id}: ${i} → ${String(runtimeUser(k, parseImage(`${i}:1`)).uid)}`),
    );
    assert.deepEqual(wrong, []);
  });

  it('images that run as root by default claim no uid; their non-root variants do', () => {
    const user = (image: string) => {
      const ref = parseImage(image);
      const k = lookupImage(ref);
      assert.ok(k, image);
      return runtimeUser(k, ref);
    };
    assert.equal(user('minio/minio:RELEASE.2024-05-10T01-41-38Z').uid, undefined);
    assert.equal(user('qdrant/qdrant:v1.12.1').uid, undefined);
    assert.equal(user('qdrant/qdrant:v1.12.1-unprivileged').uid, 1000);
    assert.equal(user('nginxinc/nginx-unprivileged:1.27').uid, 101);
    assert.equal(user('nginxinc/nginx-unprivileged:1.27').needsRoot, false);
    assert.equal(user('nginx:1.27').needsRoot, true);
    assert.equal(user('postgres:16-alpine').uid, 70);
  });
});

describe('the catalog knows every image of the corpus that keeps data', () => {
  for (const stack of allStacks())
    it(stack.name, () => {
      const { value } = loadProject({ cwd: stack.dir, ...(stack.envFiles ? { envFiles: stack.envFiles } : {}) });
      assert.ok(value.project);
      const model = buildModel(value.project).value;
      const unknown = model.workloads
        .filter((w) => w.stateful && !w.build && w.image)
        .filter((w) => !lookupImage(w.image!))
        .map((w) => `${w.name}: ${w.image!.raw}`);
      assert.deepEqual(unknown, []);
    });
});
