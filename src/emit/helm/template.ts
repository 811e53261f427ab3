import { dumpYaml } from '../yaml.js';

/**
 * How a value of an object becomes template code. The object is dumped as YAML with a token in
 * place of each such value, and each token's line is then rewritten:
 * - `scalar`: `key: {{ expr }}`
 * - `block`: `key:` then `{{- toYaml expr | nindent N }}` (a map or list from values)
 * - `optional`: the line only when expr is set: `{{- with expr }} key: {{ . }} {{- end }}`
 * - `when`: the key and its literal value only when expr is true
 * - `include`: `key:` then a named template's lines (the chart's labels)
 * - `append`: `key:` with its literal list, then one item per entry of the map expr (extra env)
 */
export type Hook =
  | { readonly kind: 'scalar' | 'block' | 'optional' | 'include'; readonly expr: string }
  | { readonly kind: 'when'; readonly expr: string; readonly literal: unknown }
  | { readonly kind: 'append'; readonly expr: string; readonly literal: readonly unknown[] };

const TOKEN = /^(\s*)(- )?([^\s:][^:]*?): __HOOK(\d+)__$/;

export class Hooks {
  private readonly list: Hook[] = [];
  /** The token to put in the object where the hook goes. */
  add(h: Hook): string {
    this.list.push(h);
    return `__HOOK${this.list.length - 1}__`;
  }

  /** The object as template text: literal braces escaped, every token replaced by its hook. */
  render(object: unknown): string {
    const text = escapeBraces(dumpYaml(object));
    const out: string[] = [];
    for (const line of text.split('\n')) {
      const m = TOKEN.exec(line);
      if (!m) {
        out.push(line);
        continue;
      }
      const [, lead = '', dash, key = ''] = m;
      const hook = this.list[Number(m[4])];
      if (!hook) throw new Error(`unknown hook in ${line}`);
      // A hook on the first key of a list item keeps the dash on a line of its own.
      let ind = lead.length;
      if (dash) {
        out.push(`${lead}-`);
        ind += 2;
      }
      out.push(...expand(hook, ' '.repeat(ind), key));
    }
    return out.join('\n');
  }
}

function expand(h: Hook, pad: string, key: string): string[] {
  const child = pad.length + 2;
  switch (h.kind) {
    case 'scalar':
      return [`${pad}${key}: ${h.expr}`];
    case 'block':
      return [`${pad}${key}:`, `${pad}  {{- toYaml ${h.expr} | nindent ${child} }}`];
    case 'include':
      return [`${pad}${key}:`, `${pad}  {{- ${h.expr} | nindent ${child} }}`];
    case 'optional':
      return [`${pad}{{- with ${h.expr} }}`, `${pad}${key}: {{ . }}`, `${pad}{{- end }}`];
    case 'when':
      return [`${pad}{{- if ${h.expr} }}`, ...indent(dumpYaml({ [key]: h.literal }), pad), `${pad}{{- end }}`];
    case 'append': {
      const items = [
        `${pad}  {{- range $name, $value := ${h.expr} }}`,
        `${pad}  - name: {{ $name | quote }}`,
        `${pad}    value: {{ $value | quote }}`,
        `${pad}  {{- end }}`,
      ];
      if (h.literal.length) return [...indent(dumpYaml({ [key]: h.literal }), pad), ...items];
      return [`${pad}{{- if ${h.expr} }}`, `${pad}${key}:`, ...items, `${pad}{{- end }}`];
    }
  }
}

function indent(text: string, pad: string): string[] {
  return escapeBraces(text)
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `${pad}${l}`);
}

/** Text from the Compose project that contains `{{` must come out of Helm as written. */
export function escapeBraces(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/** A Go template string literal. */
export function goString(s: string): string {
  return JSON.stringify(s);
}
