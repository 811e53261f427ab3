import { dnsLabel } from '../transform/names.js';
import { formatSize } from '../compose/syntax.js';
import type { Analysis, ServiceReport } from './analysis.js';

const cell = (s: string | number | undefined) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const row = (cells: (string | number | undefined)[]) => `| ${cells.map(cell).join(' | ')} |`;
const table = (head: string[], rows: (string | number | undefined)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

/** What the service runs as: its workload (StatefulSet, Deployment, DaemonSet, Job, CronJob), else its first object. */
const WORKLOAD_KINDS = ['StatefulSet', 'Deployment', 'DaemonSet', 'Job', 'CronJob'];
function workloadKind(s: ServiceReport): string {
  // In this order: a database's backup CronJob is not what it runs as.
  return WORKLOAD_KINDS.find((k) => s.kubernetes.some((o) => o.kind === k)) ?? s.kubernetes[0]?.kind ?? '';
}

/** The infrastructure analysis and impact report, as Markdown for people. */
export function renderMarkdown(a: Analysis): string {
  const out: string[] = [];
  const s = a.summary;
  out.push(`# Kubernetes migration analysis: ${a.project}`, '');
  out.push(
    `${s.services} service${s.services === 1 ? '' : 's'}: ${s.stateful.length} stateful (${s.stateful.join(', ') || 'none'}), ${s.stateless.length} stateless, ${s.jobs.length} one-shot job${s.jobs.length === 1 ? '' : 's'}${s.jobs.length ? ` (${s.jobs.join(', ')})` : ''}. ` +
      `Entry: ${s.entry.join(', ') || 'none found'}. Risks: ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low.`,
    '',
  );
  out.push('## Service overview', '');
  out.push(
    table(
      ['Service', 'Role', 'Image', 'Becomes', 'Replicas', 'Ports', 'Exposure'],
      a.services.map((sv) => [
        sv.name,
        sv.role + (sv.stateful ? ' (stateful)' : ''),
        sv.image ?? `build ${sv.build}`,
        workloadKind(sv),
        sv.replicas,
        sv.ports.map((p) => (p.published ? `${p.published}→${p.port}` : p.port)).join(', '),
        sv.exposure,
      ]),
    ),
    '',
  );
  out.push('## Dependency graph', '', '```mermaid', 'graph LR');
  for (const sv of a.services)
    out.push(`  ${id(sv.name)}${sv.stateful ? `[(${sv.name})]` : sv.oneShot ? `{{${sv.name}}}` : `[${sv.name}]`}`);
  for (const e of a.edges)
    out.push(
      `  ${id(e.from)} -->${e.condition && e.condition !== 'service_started' ? `|${e.condition.replace('service_', '')}|` : ''} ${id(e.to)}`,
    );
  out.push('```', '');
  for (const sv of a.services) {
    if (sv.dependsOn.length) out.push(`- **${sv.name}** → ${sv.dependsOn.join(', ')}`);
  }
  out.push('');
  out.push('## Services in detail', '');
  for (const sv of a.services) {
    out.push(`### ${sv.name}`, '');
    out.push(
      `- **Role**: ${sv.role}${sv.stateful ? ', stateful' : ''}${sv.oneShot ? ', runs once' : ''} — ${sv.roleReason}`,
    );
    out.push(
      `- **Image**: ${sv.image ? `\`${sv.image}\`` : 'none'}${sv.build ? ` (built from \`${sv.build}\`)` : ''}${sv.knowledge ? ` — ${sv.knowledge}` : ''}`,
    );
    if (sv.ports.length)
      out.push(
        `- **Ports**: ${sv.ports.map((p) => `${p.port}/${p.protocol}${p.published ? ` (published as ${p.published})` : ''}${p.source !== 'ports' ? ` [${p.source}${p.variable ? `: ${p.variable}` : ''}]` : ''}`).join(', ')}`,
      );
    if (sv.storage.length)
      out.push(
        `- **Storage**: ${sv.storage.map((m) => `${m.target} — ${m.kind}${m.dataPath ? ', data path' : ''}${m.source ? ` from \`${m.source}\`` : ''}${m.readOnly ? ', read-only' : ''}`).join('; ')}`,
      );
    out.push(`- **Health check**: ${sv.healthcheck ? `\`${sv.healthcheck}\`` : 'none'}`);
    out.push(`- **Replicas**: ${sv.replicas}; **exposure**: ${sv.exposure}`);
    const r = sv.resources;
    out.push(
      `- **Resources**: ${r.defaulted ? 'none set (defaults will apply)' : `limits ${r.cpuLimit ?? '-'} CPU / ${formatSize(r.memoryLimitBytes) || '-'}, requests ${r.cpuRequest ?? '-'} CPU / ${formatSize(r.memoryRequestBytes) || '-'}`}`,
    );
    if (sv.dependsOn.length) out.push(`- **Depends on**: ${sv.dependsOn.join(', ')}`);
    if (sv.usedBy.length) out.push(`- **Used by**: ${sv.usedBy.join(', ')}`);
    if (sv.environment.length) {
      out.push(
        '',
        table(
          ['Variable', 'Value'],
          sv.environment.map((e) => [
            e.name,
            e.secret ? `•••••• (secret: ${e.reason ?? 'sensitive'})` : e.value === null ? '(unset)' : `\`${e.value}\``,
          ]),
        ),
      );
    }
    out.push('');
  }
  out.push('## Kubernetes mapping', '');
  out.push(FORMS_NOTE, '');
  out.push(
    table(
      ['Service', 'Folder', 'Objects', 'Why'],
      a.services.map((sv) => {
        // A service whose objects all go to the other namespace says so once, beside its folder.
        const apart = sv.kubernetes[0]?.namespace;
        const together = apart !== undefined && sv.kubernetes.every((o) => o.namespace === apart);
        return [
          sv.name,
          `\`${layerFolder(sv)}\`${together ? ` (namespace ${apart})` : ''}`,
          sv.kubernetes
            .map((o) => `${o.kind} ${o.name}${o.namespace && !together ? ` (namespace ${o.namespace})` : ''}`)
            .join(', '),
          sv.kubernetes.map((o) => `${o.kind}: ${o.why}`).join('; '),
        ];
      }),
    ),
    '',
  );
  out.push('## Design decisions', '');
  out.push(
    table(
      ['Topic', 'Decision', 'Why'],
      a.decisions.map((d) => [d.topic, d.decision, d.why]),
    ),
    '',
  );
  out.push('## Risks', '');
  out.push(
    a.findings.length
      ? table(
          ['Severity', 'Service', 'Risk', 'What to do'],
          a.findings.map((f) => [
            f.severity,
            f.services ? f.services.join(', ') : (f.service ?? ''),
            f.message,
            f.action,
          ]),
        )
      : 'None found.',
    '',
  );
  out.push('## Migration checklist', '');
  a.checklist.forEach((c, i) => out.push(`${i + 1}. [ ] ${c}`));
  out.push('');
  if (a.disabled.length) {
    out.push('## Left out by profiles', '');
    for (const d of a.disabled)
      out.push(`- ${d.name} (profile ${d.profiles.join(', ')}): enable with --profile ${d.profiles[0]}`);
    out.push('');
  }
  return out.join('\n');
}

function id(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** How `stevedore convert` lays these objects out, per form (the folder column is the Kustomize base). */
export const FORMS_NOTE =
  '`stevedore convert` writes them, by default (`--form kustomize`), to `base/<layer>/<service>/` with ' +
  '`overlays/prod` and `overlays/dev` (layers apply in order: `data`, then `jobs`, then `apps`); ' +
  '`--form helm` writes a chart (`templates/<layer>/<service>/`, values under `services.<name>`, ' +
  '`values-dev.yaml`); `--form plain` writes `prod.yaml` and `dev.yaml`. Secrets go to a git-ignored file.';

/** The base folder of a service's objects, by its layer. */
export function layerFolder(sv: { name: string; layer: string }): string {
  return `base/${sv.layer}/${dnsLabel(sv.name)}/`;
}
