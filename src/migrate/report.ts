import { hideSecret } from '../io/redact.js';
import type { PlanStep } from './plan.js';
import type { MigrationResult } from './run.js';

export interface ReportInput {
  /** The steps that were to run, in order: a step without a result did not run. */
  readonly steps: readonly PlanStep[];
  readonly results: readonly MigrationResult[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/**
 * The migration summary a team writes by hand after the move: per service what was moved and how
 * much, how long it took, the verification verdict with every comparison it made, where the dump was
 * kept, and what did not run. Written from the run's own results; passwords never appear.
 */
export function migrationReport(r: ReportInput): string {
  const ok = r.results.length === r.steps.length && r.results.every((x) => x.ok);
  const lines: string[] = [
    '# Migration summary',
    '',
    `Run from ${r.startedAt.toISOString()} to ${r.finishedAt.toISOString()} (${seconds((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000)}).`,
    '',
    `**Verdict: ${ok ? 'every service moved and verified; data loss: 0 records.' : 'NOT complete: see the services below.'}**`,
    '',
    '| Service | Engine | Moved | Size | Time | Verified |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of r.steps) {
    const x = r.results.find((y) => y.service === s.service);
    if (!x) {
      lines.push(`| ${s.service} | ${s.engine} | not run | | | |`);
      continue;
    }
    const items = x.verification?.items ?? [];
    lines.push(
      `| ${s.service} | ${s.engine} | ${x.source.objects} object${x.source.objects === 1 ? '' : 's'} | ${size(x.outcome?.bytes ?? x.source.sizeBytes)} | ${seconds(x.seconds)} | ${x.verification ? `${items.filter((i) => i.equal).length}/${items.length} equal` : 'no'} |`,
    );
  }
  lines.push('');
  for (const s of r.steps) {
    const x = r.results.find((y) => y.service === s.service);
    lines.push(`## ${s.service} (${s.engine})`, '');
    lines.push(`- **From**: \`${side(s.source)}\``, `- **To**: \`${side(s.target)}\``, `- **Method**: ${s.method}`);
    if (!x) {
      lines.push('- **Not run**: an earlier service failed, so the run stopped before this one.', '');
      continue;
    }
    lines.push(`- **Verdict**: ${x.verdict}`);
    if (x.outcome?.keptDump)
      lines.push(`- **Dump kept**: \`${x.outcome.keptDump.path}\` (sha256 \`${x.outcome.keptDump.sha256}\`)`);
    for (const n of x.outcome?.notes ?? []) lines.push(`- ${hideSecret(n)}`);
    if (x.outcome?.error) lines.push(`- **Error**: ${hideSecret(x.outcome.error)}`);
    const items = x.verification?.items ?? [];
    if (items.length) {
      lines.push('', '| What | Source | Target | Equal |', '| --- | --- | --- | --- |');
      for (const i of items)
        lines.push(`| ${cell(i.object)} | ${cell(i.source)} | ${cell(i.target)} | ${i.equal ? 'yes' : '**no**'} |`);
    }
    lines.push('');
  }
  lines.push(
    'The Compose volumes were only read. To undo, point the applications back at the Compose services; to',
    'repeat the move, run it again with --force.',
    '',
  );
  // Whatever an engine wrote into a note or an error, the passwords of the URLs never reach the file.
  let text = lines.join('\n');
  for (const pw of passwords(r.steps)) text = text.split(pw).join('***');
  return text;
}

function passwords(steps: readonly PlanStep[]): string[] {
  const out: string[] = [];
  for (const s of steps)
    for (const url of [s.source.url, s.target.url]) {
      try {
        const pw = decodeURIComponent(new URL(url).password);
        if (pw.length >= 3 && !pw.startsWith('${')) out.push(pw);
      } catch {
        // a folder, not a URL
      }
    }
  return out;
}

function side(s: { url: string; exec?: string }): string {
  return `${hideSecret(s.url)}${s.exec ? `\` through \`${s.exec}` : ''}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function seconds(s: number): string {
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** 1536 → "1.5 KiB". */
export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

function size(n: number | undefined): string {
  return n === undefined ? '' : humanBytes(n);
}
