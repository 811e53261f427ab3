import type { ErrorObject } from 'ajv';
import { validate as precompiled } from './compose-validator.generated.js';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { toPlain, type LMap, type LNode } from './node.js';
import { closest } from './suggest.js';

/**
 * Validates one interpolated Compose file against the official Compose JSON Schema.
 * The schema accepts strings where interpolation may yield numbers or booleans
 * (`replicas: "${N}"`); the normalizer converts those and reports what does not convert.
 */
export function validateSchema(root: LMap): { value: LMap; diagnostics: Diagnostic[] } {
  const data = toPlain(root) as Record<string, unknown>;
  // Compiled ahead of time (scripts/gen-validator.mjs): no command pays for compiling the schema.
  const validate = precompiled;
  if (validate(data)) return { value: root, diagnostics: [] };
  return { value: root, diagnostics: explain(validate.errors ?? [], root) };
}

function segments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function nodeAt(root: LNode, segs: string[]): LNode {
  let cur: LNode = root;
  for (const s of segs) {
    const next: LNode | undefined =
      cur.kind === 'map' ? cur.entries.get(s)?.value : cur.kind === 'seq' ? cur.items[Number(s)] : undefined;
    if (!next) break;
    cur = next;
  }
  return cur;
}

function dotted(segs: string[]): string {
  let out = '';
  for (const s of segs) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out || 'the file';
}

function isAncestor(a: string, b: string): boolean {
  return b.startsWith(a + '/');
}

/** Turns Ajv's raw errors (many, from every branch of every `oneOf`) into one clear diagnostic per place. */
function explain(errors: ErrorObject[], root: LMap): Diagnostic[] {
  let list = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not', 'then', 'else'].includes(e.keyword));
  if (list.length === 0) list = errors;
  // A branch whose type matched and then failed deeper is the one the author meant:
  // drop plain type mismatches at the same place or above it.
  const specific = list.filter((e) => e.keyword !== 'type');
  list = list.filter(
    (e) =>
      e.keyword !== 'type' ||
      !specific.some((s) => s.instancePath === e.instancePath || isAncestor(e.instancePath, s.instancePath)),
  );
  const deeper = list.filter(
    (e) => list.some((o) => isAncestor(e.instancePath, o.instancePath)) && e.keyword === 'type',
  );
  list = list.filter((e) => !deeper.includes(e));

  const out: Diagnostic[] = [];
  const byPlace = new Map<string, ErrorObject[]>();
  for (const e of list) {
    const key =
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}#${String(e.params.additionalProperty)}`
        : `${e.instancePath}#${e.keyword === 'type' ? 'type' : e.keyword + JSON.stringify(e.params)}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), e]);
  }
  for (const group of byPlace.values()) {
    const e = group[0];
    if (!e) continue;
    const segs = segments(e.instancePath);
    const node = nodeAt(root, segs);
    const where = dotted(segs);
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String(e.params.additionalProperty);
        const pair = node.kind === 'map' ? node.entries.get(key) : undefined;
        const parent = e.parentSchema as
          { properties?: object; patternProperties?: Record<string, unknown> } | undefined;
        const pattern = Object.keys(parent?.patternProperties ?? {}).find((p) => p !== '^x-');
        if (pattern && !parent?.properties) {
          out.push(
            error(
              'schema-value',
              `${where}: the name "${key}" is not allowed`,
              pair?.keyOrigin ?? node.origin,
              'names may use letters, digits, dots, dashes and underscores only',
            ),
          );
          break;
        }
        const allowed = Object.keys(parent?.properties ?? {});
        const guess = closest(key, allowed);
        out.push(
          error(
            'schema-unknown-key',
            `${where === 'the file' ? 'top level' : where}: unknown key "${key}"`,
            pair?.keyOrigin ?? node.origin,
            guess
              ? `did you mean "${guess}"? (custom keys must start with x-)`
              : 'the Compose specification does not define this key; custom keys must start with x-',
          ),
        );
        break;
      }
      case 'type': {
        const types = [...new Set(group.flatMap((g) => String(g.params.type).split(',')))];
        out.push(
          error('schema-type', `${where} must be ${describeTypes(types)}, not ${describeValue(node)}`, node.origin),
        );
        break;
      }
      case 'enum': {
        const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
        out.push(error('schema-value', `${where} must be one of ${allowed}`, node.origin));
        break;
      }
      case 'required':
        out.push(
          error(
            'schema-value',
            `${where} is missing the required key "${String(e.params.missingProperty)}"`,
            node.origin,
          ),
        );
        break;
      case 'pattern':
      case 'propertyNames':
        out.push(
          error(
            'schema-value',
            `${where}: ${e.keyword === 'propertyNames' ? `the name "${String(e.params.propertyName)}" is not allowed` : `"${String(node.kind === 'scalar' ? node.value : '')}" does not match ${String(e.params.pattern)}`}`,
            node.origin,
          ),
        );
        break;
      default:
        out.push(error('schema-value', `${where} ${e.message ?? 'is not valid'}`, node.origin));
    }
  }
  return out;
}

function describeTypes(types: string[]): string {
  const names = types.map(
    (t) =>
      ({
        object: 'a mapping',
        array: 'a list',
        string: 'a string',
        integer: 'an integer',
        number: 'a number',
        boolean: 'true or false',
        null: 'empty',
      })[t] ?? t,
  );
  return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function describeValue(node: LNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'empty';
  return `${typeof node.value === 'string' ? 'the string' : typeof node.value} ${JSON.stringify(node.value)}`;
}
