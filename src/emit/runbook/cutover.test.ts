import assert from 'node:assert/strict';
import { describe, it } from '../../../test/harness.js';
import { loadMem } from '../../../test/helpers.js';
import { buildModel } from '../../model/build.js';
import { convert } from '../../transform/index.js';
import { planFiles } from '../index.js';

/** RUNBOOK.md of a stack with two ways in, converted with one --host. */
function runbook(host?: string): string {
  const { project, fs } = loadMem({
    'compose.yaml': `services:
  vote:
    image: example/vote:1.0
    ports: ["5000:80"]
  result:
    image: example/result:1.0
    ports: ["5001:80"]
`,
  });
  assert.ok(project);
  const model = buildModel(project, { fs }).value;
  const files = planFiles(convert(model, project, host ? { host } : {}, fs).value, model, { outDir: 'k8s' });
  return files.get('RUNBOOK.md') ?? '';
}

describe('the cutover of a stack with two ways in', () => {
  it('checks each entry through its own Service and port, and each host, not the first Ingress with the first Service', () => {
    const text = runbook('vote.example.com');
    assert.match(text, /port-forward service\/vote 1808[01]:80 &/);
    assert.match(text, /port-forward service\/result 1808[01]:80 &/);
    assert.match(text, /http:\/\/localhost:18080\//);
    assert.match(text, /http:\/\/localhost:18081\//);
    assert.match(text, /--resolve vote\.example\.com:443:<ingress-address> https:\/\/vote\.example\.com\//);
    assert.match(text, /--resolve result\.vote\.example\.com:443:<ingress-address>/);
    assert.match(text, /(vote and result|result and vote) answer with a 2xx or 3xx status/);
    assert.match(text, /vote\.example\.com and .*vote\.example\.com resolve to the ingress controller's address/);
  });

  it('without --host, the entry with no Ingress of its own is not port-forwarded as if it had one', () => {
    const text = runbook();
    assert.match(text, /port-forward service\/vote 18080:80 &/, 'vote is declared first: it has the Ingress');
    assert.doesNotMatch(text, /port-forward service\/result 1808/);
  });
});
