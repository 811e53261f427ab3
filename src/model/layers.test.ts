import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { loadMem } from '../../test/helpers.js';
import { buildModel } from './build.js';
import { layersOf } from './layers.js';

const layers = (compose: string) => {
  const { project } = loadMem({ 'compose.yaml': compose });
  return Object.fromEntries(layersOf(buildModel(project!).value));
};

describe('layers', () => {
  it('an app that keeps files of its own but waits for a database comes with the apps, after the data', () => {
    const l = layers(`services:
  postgres:
    image: postgres:16
    volumes: [pg:/var/lib/postgresql/data]
  mattermost:
    image: mattermost/mattermost-team-edition:9.11
    depends_on: [postgres]
    volumes: ["./data:/mattermost/data"]
  web:
    image: nginx:1.27
    depends_on: [mattermost]
volumes: { pg: {} }
`);
    assert.deepEqual(l, { postgres: 'data', mattermost: 'apps', web: 'apps' });
  });
  it('a service that keeps data and waits for no data service is a data service (Pi-hole, a broker)', () => {
    const l = layers(`services:
  pihole:
    image: pihole/pihole:2024.07.0
    volumes: ["./etc-pihole:/etc/pihole"]
  app:
    image: nginx:1.27
    depends_on: [pihole]
`);
    assert.equal(l.pihole, 'data');
  });
});
