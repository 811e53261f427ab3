import type { MigrationResult } from '../index.js';
import { useColor } from './common.js';
import type { Unit } from './migrate-databases.js';

/** The verdict on a database the source's server holds and the target's lacks: nothing to compare it with. */
export function missingOnTarget(unit: Unit): MigrationResult {
  const item = {
    object: `database ${unit.create ?? ''}`,
    source: `${unit.objects ?? '?'} objects`,
    target: 'missing',
    equal: false,
  };
  return {
    service: unit.step.service,
    engine: unit.step.engine,
    source: { objects: unit.objects ?? 0, empty: false },
    verification: { ok: false, items: [item] },
    ok: false,
    verdict: `MISMATCH: the target's server has no database ${unit.create ?? ''}: the move left it behind (run it again with the plan)`,
    seconds: 0,
  };
}

export function printResult(r: MigrationResult): void {
  const color = useColor(process.stdout);
  const mark = (ok: boolean) => (color ? (ok ? '\x1b[32m✓\x1b[0m' : '\x1b[31m✗\x1b[0m') : ok ? 'ok' : 'DIFF');
  const rows = r.verification?.items ?? [];
  const w = Math.max(6, ...rows.map((i) => i.object.length));
  const ws = Math.max(6, ...rows.map((i) => i.source.length));
  const out: string[] = [`\n${r.service} (${r.engine}): ${r.verdict}`];
  if (r.outcome?.keptDump) out.push(`dump kept: ${r.outcome.keptDump.path} (sha256 ${r.outcome.keptDump.sha256})`);
  for (const n of r.outcome?.notes ?? []) out.push(`note: ${n}`);
  if (rows.length) {
    out.push(`${'object'.padEnd(w)}  ${'source'.padEnd(ws)}  target`);
    for (const i of rows) out.push(`${i.object.padEnd(w)}  ${i.source.padEnd(ws)}  ${i.target}  ${mark(i.equal)}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
