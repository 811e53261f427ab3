import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../helpers.js';

/**
 * No cluster runs here: this kubectl stands in for one. `apply` runs the Job's container command
 * with sh, with the Job's variables and the Secret's values, as a kubelet would; `get`, `logs` and
 * `delete` answer from what happened. Every call's arguments are recorded.
 */
export const FAKE_KUBECTL = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const dir = process.env.FAKE_KUBE_DIR;
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls'), JSON.stringify(args) + '\\n');
const verb = args[2];
if (verb === 'apply') {
  const list = JSON.parse(fs.readFileSync(0, 'utf8'));
  const secret = list.items.find((o) => o.kind === 'Secret');
  const job = list.items.find((o) => o.kind === 'Job');
  fs.writeFileSync(path.join(dir, 'secret'), JSON.stringify(secret));
  const c = job.spec.template.spec.containers[0];
  const env = { PATH: process.env.PATH };
  for (const e of c.env) env[e.name] = e.value !== undefined ? e.value : secret.stringData[e.valueFrom.secretKeyRef.key];
  const r = spawnSync(c.command[0], c.command.slice(1), { env, encoding: 'utf8' });
  fs.writeFileSync(path.join(dir, 'job'), JSON.stringify({ code: r.status, out: r.stdout + r.stderr }));
  console.log('job.batch/' + job.metadata.name + ' created');
} else if (verb === 'get') {
  const j = JSON.parse(fs.readFileSync(path.join(dir, 'job'), 'utf8'));
  process.stdout.write(j.code === 0 ? '1 ' : ' 1');
} else if (verb === 'logs') {
  process.stdout.write(JSON.parse(fs.readFileSync(path.join(dir, 'job'), 'utf8')).out);
} else if (verb === 'delete') {
  fs.rmSync(path.join(dir, 'secret'), { force: true });
}
`;

/** A folder with the stand-in kubectl, and the built CLI run against it (KUBECTL, FAKE_KUBE_DIR set). */
export function standInCluster(): {
  readonly dir: string;
  readonly stevedore: (...args: string[]) => SpawnSyncReturns<string>;
  readonly remove: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'stevedore-kube-'));
  writeFileSync(path.join(dir, 'kubectl'), FAKE_KUBECTL);
  chmodSync(path.join(dir, 'kubectl'), 0o755);
  const bin = path.join(ROOT, 'dist', 'stevedore.js');
  return {
    dir,
    stevedore: (...args) =>
      spawnSync(process.execPath, [bin, ...args], {
        encoding: 'utf8',
        env: { ...process.env, KUBECTL: path.join(dir, 'kubectl'), FAKE_KUBE_DIR: dir },
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
