import type { AppModel } from '../model/types.js';
import type { Conversion } from '../transform/index.js';

/** What was generated, what was not carried and why, and what the user must still do. */
export function conversionSummary(
  c: Conversion,
  model: AppModel,
  deploy: readonly string[] = [],
  secretsFile = 'secrets.yaml',
): string {
  const counts = new Map<string, number>();
  for (const e of c.objects) {
    const kind = (e.object as unknown as { kind: string }).kind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const lines: string[] = [];
  lines.push(`# ${model.project} on Kubernetes`, '');
  lines.push(
    `Generated ${c.objects.length} objects for namespace \`${c.namespace}\`: ${[...counts]
      .sort()
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}.`,
    '',
  );
  if (model.disabled.length)
    lines.push(
      `Left out by profiles: ${model.disabled.map((d) => `${d.name} (${d.profiles.join(', ')})`).join(', ')}.`,
      '',
    );
  lines.push('## To do before deploying', '');
  const todo = [...c.todo];
  const weak = [
    ...new Set(model.workloads.flatMap((w) => w.environment.filter((e) => e.weakDefault).map((e) => e.name))),
  ];
  if (weak.length)
    todo.unshift(
      `Replace the placeholder defaults of ${weak.join(', ')} (they come from \${VAR:-default} in the Compose file)`,
    );
  const secrets = c.objects.filter((e) => e.secret).length;
  if (secrets)
    todo.push(
      `Keep ${secretsFile} (${secrets} Secret${secrets === 1 ? '' : 's'}, git-ignored) out of Git; in production create these Secrets from a secret manager`,
    );
  if (model.workloads.some((w) => w.stateful))
    todo.push(
      'Pick a StorageClass (--storage-class) and check the volume sizes; RUNBOOK.md moves the data with `stevedore migrate`',
    );
  lines.push(...(todo.length ? todo.map((t, i) => `${i + 1}. ${t}`) : ['Nothing.']), '');
  lines.push(...deploy);
  lines.push('## Not carried', '');
  if (!c.notCarried.length) lines.push('Every Compose key was carried.');
  const byService = new Map<string, string[]>();
  for (const n of c.notCarried)
    byService.set(n.service ?? '(project)', [
      ...(byService.get(n.service ?? '(project)') ?? []),
      `\`${n.key}\`: ${n.why}`,
    ]);
  for (const [service, items] of [...byService].sort()) {
    lines.push(`- **${service}**`);
    for (const i of items) lines.push(`  - ${i}`);
  }
  lines.push('');
  return lines.join('\n');
}
