import { lmap, lscalar, type LMap, type LNode, type LPair, type LSeq } from './node.js';
import { parsePortSpec, portKey, volumeTarget } from './syntax.js';

/**
 * Merges an override tree into a base tree by the Compose specification's rules:
 * mappings key by key, sequences appended, with these exceptions for service attributes —
 * `command`, `entrypoint` and `healthcheck.test` are replaced; `ports`, `volumes`, `secrets`,
 * `configs` are merged by their unique key; `environment`, `labels` and other list-or-dict
 * attributes are merged as mappings; simple lists (`dns`, `expose`, `cap_add`, ...) are de-duplicated.
 * `!reset` removes a value, `!override` replaces it whole.
 * @see https://github.com/compose-spec/compose-spec/blob/main/13-merge.md
 */
export function mergeTrees(base: LMap, override: LMap, path: readonly string[] = []): LMap {
  return mergeMaps(base, override, path);
}

const REPLACED = new Set(['command', 'entrypoint']);
const AS_MAP = new Set([
  'environment',
  'labels',
  'annotations',
  'extra_hosts',
  'sysctls',
  'depends_on',
  'networks',
  'ulimits',
]);
const DEDUPED = new Set([
  'dns',
  'dns_search',
  'dns_opt',
  'expose',
  'cap_add',
  'cap_drop',
  'security_opt',
  'external_links',
  'links',
  'tmpfs',
  'group_add',
  'env_file',
  'profiles',
  'devices',
  'volumes_from',
  'label_file',
]);
const STRING_OR_LIST = new Set(['dns', 'dns_search', 'tmpfs', 'env_file', 'label_file']);

function serviceField(path: readonly string[]): string | undefined {
  return path[0] === 'services' && path.length === 3 ? path[2] : undefined;
}

function mergeMaps(base: LMap, override: LMap, path: readonly string[]): LMap {
  const entries = new Map(base.entries);
  for (const [key, pair] of override.entries) {
    const childPathList = [...path, key];
    if (pair.value.tag === '!reset') {
      entries.delete(key);
      continue;
    }
    const prev = entries.get(key);
    if (!prev || pair.value.tag === '!override') {
      entries.set(key, { ...pair, value: stripTag(pair.value) });
      continue;
    }
    entries.set(key, { key, keyOrigin: pair.keyOrigin, value: mergeValues(prev.value, pair.value, childPathList) });
  }
  return { ...base, entries, origin: base.origin };
}

function stripTag(node: LNode): LNode {
  if (!node.tag) return node;
  const { tag: _tag, ...rest } = node;
  return rest;
}

function mergeValues(base: LNode, over: LNode, path: readonly string[]): LNode {
  const field = serviceField(path);
  const inService = path[0] === 'services' && path.length >= 3;
  if (field && REPLACED.has(field)) return over;
  if (inService && path.length === 4 && path[2] === 'healthcheck' && path[3] === 'test') return over;
  if (field === 'build') {
    const b = buildAsMap(base);
    const o = buildAsMap(over);
    return b.kind === 'map' && o.kind === 'map' ? mergeMaps(b, o, path) : over;
  }
  if (field && AS_MAP.has(field) && (base.kind === 'seq' || over.kind === 'seq')) {
    return mergeMaps(listToMap(base, field), listToMap(over, field), path);
  }
  if (inService && path.length === 4 && path[2] === 'build' && (path[3] === 'args' || path[3] === 'labels')) {
    return mergeMaps(listToMap(base, 'args'), listToMap(over, 'args'), path);
  }
  if (field && STRING_OR_LIST.has(field)) {
    return dedupe(asSeq(base), asSeq(over), scalarKey);
  }
  if (base.kind === 'map' && over.kind === 'map') return mergeMaps(base, over, path);
  if (base.kind === 'seq' && over.kind === 'seq') {
    if (field === 'ports') return dedupe(base, over, portItemKeys);
    if (field === 'volumes')
      return dedupe(base, over, (n) => [n.kind === 'scalar' ? volumeTarget(String(n.value)) : keyOf(n, 'target')]);
    if (field === 'secrets' || field === 'configs')
      return dedupe(base, over, (n) => [
        n.kind === 'scalar' ? String(n.value) : keyOf(n, 'target') || keyOf(n, 'source'),
      ]);
    if (field && DEDUPED.has(field)) return dedupe(base, over, scalarKey);
    return { ...base, items: [...base.items, ...over.items] };
  }
  return over;
}

function keyOf(node: LNode, key: string): string {
  if (node.kind !== 'map') return '';
  const v = node.entries.get(key)?.value;
  return v?.kind === 'scalar' && v.value !== null ? String(v.value) : '';
}

function scalarKey(node: LNode): string[] {
  return [node.kind === 'scalar' ? String(node.value) : JSON.stringify(plainish(node))];
}

function plainish(node: LNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plainish);
  return Object.fromEntries([...node.entries].map(([k, p]) => [k, plainish(p.value)]));
}

function portItemKeys(node: LNode): string[] {
  if (node.kind === 'scalar') {
    const parsed = parsePortSpec(String(node.value));
    return typeof parsed === 'string' ? [String(node.value)] : parsed.map(portKey);
  }
  if (node.kind === 'map') {
    return [
      portKey({
        host_ip: keyOf(node, 'host_ip') || undefined,
        target: keyOf(node, 'target'),
        published: keyOf(node, 'published') || undefined,
        protocol: keyOf(node, 'protocol') || 'tcp',
      }),
    ];
  }
  return [JSON.stringify(plainish(node))];
}

/** Appends the override's items; an item whose key is already present replaces the base item in place. */
function dedupe(base: LSeq, over: LSeq, keys: (n: LNode) => string[]): LSeq {
  const items = [...base.items];
  const index = new Map<string, number>();
  items.forEach((n, i) => keys(n).forEach((k) => index.set(k, i)));
  for (const n of over.items) {
    const at = keys(n)
      .map((k) => index.get(k))
      .find((i) => i !== undefined);
    if (at !== undefined) items[at] = n;
    else {
      items.push(n);
      keys(n).forEach((k) => index.set(k, items.length - 1));
    }
  }
  return { ...base, items };
}

function asSeq(node: LNode): LSeq {
  return node.kind === 'seq' ? node : { kind: 'seq', origin: node.origin, items: [node] };
}

function buildAsMap(node: LNode): LNode {
  if (node.kind !== 'scalar') return node;
  return lmap(node.origin, [{ key: 'context', keyOrigin: node.origin, value: node }]);
}

/**
 * A list-form attribute as a mapping: `KEY=VALUE` (environment, labels, sysctls, args),
 * `HOST:IP` or `HOST=IP` (extra_hosts), a bare name (depends_on, networks) mapped to null.
 */
export function listToMap(node: LNode, field: string): LMap {
  if (node.kind === 'map') return node;
  if (node.kind === 'scalar') return lmap(node.origin);
  const pairs: LPair[] = [];
  node.items.forEach((item) => {
    if (item.kind !== 'scalar' || item.value === null) return;
    const text = String(item.value);
    let key = text;
    let value: LNode = lscalar(item.origin, null);
    const sep =
      field === 'extra_hosts'
        ? firstSeparator(text, ['=', ':'])
        : field === 'depends_on' || field === 'networks'
          ? -1
          : text.indexOf('=');
    if (sep >= 0) {
      key = text.slice(0, sep);
      const template =
        item.template !== undefined ? item.template.slice(item.template.indexOf(text.charAt(sep)) + 1) : undefined;
      value = {
        kind: 'scalar',
        origin: item.origin,
        value: text.slice(sep + 1),
        ...(template !== undefined ? { template } : {}),
      };
    }
    pairs.push({
      key,
      keyOrigin: item.origin,
      value: field === 'depends_on' || field === 'networks' ? lscalar(item.origin, null) : value,
    });
  });
  return lmap(node.origin, pairs);
}

function firstSeparator(text: string, seps: string[]): number {
  const found = seps.map((s) => text.indexOf(s)).filter((i) => i >= 0);
  return found.length ? Math.min(...found) : -1;
}
