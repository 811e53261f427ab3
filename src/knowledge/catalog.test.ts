import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { loadMem } from '../../test/helpers.js';
import { buildModel } from '../model/build.js';
import { lookupImage, parseImage } from './index.js';

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
