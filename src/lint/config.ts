import { parseDocument, LineCounter, isMap, isScalar, type Node as YNode } from 'yaml';
import { PSS_LEVELS, type PssLevel } from './context.js';
import type { RuleSetting } from './run.js';
import { resolveRule } from './run.js';
import type { LintInputError } from './types.js';

/** `.stevedore-lint.yaml`: the Pod Security level, and per rule (ours or another tool's name) off, on or a level. */
export interface LintConfig {
  readonly podSecurity?: PssLevel;
  readonly rules: Record<string, RuleSetting>;
}

const SETTINGS: readonly string[] = ['off', 'on', 'error', 'warning', 'info'];

/** Reads a lint config; every mistake is an error at its line and column. */
export function parseLintConfig(file: string, text: string): { config: LintConfig; errors: LintInputError[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const errors: LintInputError[] = [];
  const at = (node: YNode | null | undefined, message: string) =>
    errors.push({ file, ...lc.linePos(node?.range?.[0] ?? 0), message });
  const config: { podSecurity?: PssLevel; rules: Record<string, RuleSetting> } = { rules: {} };
  for (const e of doc.errors)
    errors.push({ file, ...lc.linePos(e.pos[0]), message: e.message.split('\n')[0] ?? e.message });
  if (errors.length || doc.contents === null) return { config, errors };
  if (!isMap(doc.contents)) {
    at(doc.contents, 'the lint config must be a mapping with the keys podSecurity and rules');
    return { config, errors };
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YNode | null;
    if (key === 'podSecurity') {
      const v = isScalar(value) ? String(value.value) : '';
      if ((PSS_LEVELS as readonly string[]).includes(v)) config.podSecurity = v as PssLevel;
      else at(value, `podSecurity must be one of ${PSS_LEVELS.join(', ')}`);
    } else if (key === 'rules') {
      if (!isMap(value)) {
        at(value, 'rules must be a mapping of rule ids to off, on, error, warning or info');
        continue;
      }
      for (const r of value.items) {
        const id = isScalar(r.key) ? String(r.key.value) : '';
        const raw = r.value as YNode | null;
        const setting = isScalar(raw)
          ? raw.value === false
            ? 'off'
            : raw.value === true
              ? 'on'
              : String(raw.value)
          : '';
        if (!resolveRule(id).length)
          at(
            r.key as YNode,
            `no lint rule is named ${JSON.stringify(id)} (ours, or kube-linter:/kube-score:/polaris:/pss: followed by a check name)`,
          );
        else if (!SETTINGS.includes(setting)) at(raw, `the setting of ${id} must be one of ${SETTINGS.join(', ')}`);
        else config.rules[id] = setting as RuleSetting;
      }
    } else at(pair.key, `unknown key ${JSON.stringify(key)} (podSecurity, rules)`);
  }
  return { config, errors };
}
