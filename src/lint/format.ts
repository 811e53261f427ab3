import type * as Sarif from 'sarif';
import { LINT_RULES } from './rules/index.js';
import type { LintFinding, LintResult, LintRule, LintSeverity } from './types.js';

/** The JSON report: findings in file order, input errors, and counts. */
export function lintJson(result: LintResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

const SARIF_LEVEL: Record<LintSeverity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, as code-scanning services read it: every rule in the driver, each finding a result at its file position. */
export function lintSarif(result: LintResult, version: string, rules: readonly LintRule[] = LINT_RULES): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'stevedore',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              help: { text: r.hint },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity], enabled: !r.optIn },
              properties: { tags: [...r.covers] },
            })),
          },
        },
        results: [
          ...result.findings.map((f): Sarif.Result => ({
            ruleId: f.rule,
            ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
            level: SARIF_LEVEL[f.severity],
            message: { text: `${f.message} (${objectName(f)})` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(f.file) },
                  region: { startLine: f.line, startColumn: f.col },
                },
                logicalLocations: [{ name: f.object.name, fullyQualifiedName: objectName(f), kind: 'object' }],
              },
            ],
          })),
          ...result.errors.map((e): Sarif.Result => ({
            ruleId: 'input',
            level: 'error',
            message: { text: e.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(e.file) },
                  region: { startLine: e.line, startColumn: e.col },
                },
              },
            ],
          })),
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const toUri = (file: string): string => encodeURI(file.replace(/\\/g, '/'));

const objectName = (f: LintFinding): string =>
  `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`;

export interface TextStyle {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly severity: (s: LintSeverity, text: string) => string;
}

const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s, severity: (_s, t) => t };

/** Findings grouped by object (in file order), each with its position, then what to do, once per rule, and the counts. */
export function lintText(result: LintResult, style: TextStyle = PLAIN): string {
  const lines: string[] = [];
  for (const e of result.errors)
    lines.push(`${e.file}:${e.line}:${e.col}: ${style.severity('error', 'error')}: ${e.message}`);
  const groups = new Map<string, LintFinding[]>();
  for (const f of result.findings) {
    const key = `${f.file}\0${objectName(f)}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const hinted = new Set<string>();
  for (const list of groups.values()) {
    const first = list[0] as LintFinding;
    if (lines.length) lines.push('');
    lines.push(style.bold(`${objectName(first)}  ${style.dim(first.file)}`));
    for (const f of list) {
      lines.push(
        `  ${f.line}:${f.col}  ${style.severity(f.severity, f.severity.padEnd(7))}  ${f.message}  ${style.dim(f.rule)}`,
      );
      if (!hinted.has(f.rule)) {
        hinted.add(f.rule);
        lines.push(style.dim(`      = hint: ${f.hint}`));
      }
    }
  }
  const s = result.summary;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (lines.length) lines.push('');
  lines.push(
    `${plural(s.objects, 'object')} in ${plural(s.files, 'file')}, ${plural(s.rules, 'rule')}: ${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info`,
  );
  return `${lines.join('\n')}\n`;
}
