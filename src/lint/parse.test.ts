import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YNode } from 'yaml';
import { describe, it } from '../../test/harness.js';
import { parseManifests } from './parse.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/convert');

type Part = string | number;

/**
 * Where the `yaml` library (a second, independent parser) puts every field of every object of a
 * stream: a scalar (or an alias) at its value, a mapping or sequence at its key, an item at the item.
 */
function oracle(text: string): Map<string, string>[] {
  const lc = new LineCounter();
  const at = (offset: number) => {
    const p = lc.linePos(offset);
    return `${p.line}:${p.col}`;
  };
  return parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false }).flatMap((doc) => {
    if (!doc.contents) return [];
    const out = new Map<string, string>();
    const walk = (node: YNode, route: Part[]) => {
      if (isMap(node))
        for (const pair of node.items) {
          const key = pair.key as YNode | null;
          const value = pair.value as YNode | null;
          if (!isScalar(key) || !value) continue;
          const here = [...route, String(key.value)];
          out.set(JSON.stringify(here), at((isScalar(value) || isAlias(value) ? value : key).range![0]));
          walk(value, here);
        }
      if (isSeq(node))
        node.items.forEach((item, i) => {
          const here = [...route, i];
          out.set(JSON.stringify(here), at((item as YNode).range![0]));
          walk(item as YNode, here);
        });
    };
    walk(doc.contents, []);
    return [out];
  });
}

function located(text: string): Map<string, string>[] {
  const { manifests, errors } = parseManifests('x.yaml', text);
  assert.deepEqual(errors, []);
  return manifests.map((m) => {
    const out = new Map<string, string>();
    const walk = (value: unknown, route: Part[]) => {
      if (typeof value !== 'object' || value === null) return;
      for (const [k, v] of Object.entries(value)) {
        const here = [...route, Array.isArray(value) ? Number(k) : k];
        const p = m.locate(here);
        out.set(JSON.stringify(here), `${p.line}:${p.col}`);
        walk(v, here);
      }
    };
    walk(m.object, []);
    return out;
  });
}

describe('lint positions', () => {
  it('put every field of every golden manifest where an independent YAML parser puts it', () => {
    const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.ya?ml$/.test(f) && !f.includes('values') && !f.includes('templates'),
    );
    let fields = 0;
    for (const f of files) {
      const text = readFileSync(path.join(FIXTURES, f), 'utf8');
      if (!/^kind:/m.test(text)) continue;
      const want = oracle(text);
      const got = located(text);
      assert.equal(got.length, want.length, f);
      want.forEach((w, i) => {
        for (const [route, pos] of w) {
          assert.equal(got[i]!.get(route), pos, `${f} document ${i + 1} ${route}`);
          fields++;
        }
      });
    }
    assert.ok(fields > 5_000, `only ${fields} fields compared`);
  });

  it('keep their place through comments, flow style, JSON, quoted keys, anchors and blank items', () => {
    const text = [
      '# a comment',
      '---   # marker with a comment',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a, labels: {"app.kubernetes.io/name": web}}',
      'data:',
      '  base: &b one',
      '  copy: *b',
      "  'quoted key': two",
      '  list:',
      '    -',
      '    - three',
      '---',
      '{"apiVersion": "v1", "kind": "Secret",',
      ' "metadata": {"name": "b"}, "stringData": {"k": "v"}}',
      '',
    ].join('\n');
    const got = located(text);
    const want = oracle(text);
    const check = (doc: number, route: Part[], pos: string) => {
      assert.equal(got[doc]!.get(JSON.stringify(route)), pos, JSON.stringify(route));
      assert.equal(want[doc]!.get(JSON.stringify(route)), pos, `the oracle at ${JSON.stringify(route)}`);
    };
    check(0, ['metadata', 'labels', 'app.kubernetes.io/name'], '5:56');
    check(0, ['data', 'copy'], '8:9');
    check(0, ['data', 'quoted key'], '9:17');
    check(0, ['data', 'list'], '10:3');
    check(1, ['stringData', 'k'], '15:49');
    // js-yaml composes no node for the blank item: the item after it must not take its place.
    const item = got[0]!.get(JSON.stringify(['data', 'list', 1]));
    assert.ok(item === '12:7' || item === '10:3', `the second item is at ${item}`);
  });

  it('name the item of a List that is not an object, and nothing else of it', () => {
    const { manifests, errors } = parseManifests(
      'l.yaml',
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n  - kind: Secret\n',
    );
    assert.equal(manifests.length, 1);
    assert.deepEqual(errors, [{ file: 'l.yaml', line: 6, col: 5, message: 'the object has no apiVersion' }]);
  });
});
