import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { parseDotenv } from './dotenv.js';

const parse = (text: string, env: Record<string, string> = {}, raw = false) => {
  const r = parseDotenv('/p/.env', text, (n) => env[n], raw);
  return {
    values: Object.fromEntries([...r.value].map(([k, v]) => [k, v.value])),
    diagnostics: r.diagnostics,
    entries: r.value,
  };
};

describe('env files', () => {
  it('reads KEY=VALUE, export, comments and blank lines', () => {
    const r = parse('# comment\n\nA=1\nexport B=two\nC = spaced \n');
    assert.deepEqual(r.values, { A: '1', B: 'two', C: 'spaced' });
    assert.equal(r.entries.get('B')!.origin.line, 4);
  });
  it('single quotes are literal, double quotes take escapes and expansion', () => {
    const r = parse(`S='a $A \\n'\nD="line\\nnext $A"\nA0=x\nE="\${A0}-y"`, { A: 'env' });
    assert.equal(r.values.S, 'a $A \\n');
    assert.equal(r.values.D, 'line\nnext env');
    assert.equal(r.values.E, 'x-y');
  });
  it('unquoted values lose a trailing comment and expand variables', () => {
    const r = parse('A=value # note\nB=${A}/x\nC=a#b');
    assert.deepEqual(r.values, { A: 'value', B: 'value/x', C: 'a#b' });
  });
  it('a quoted value may span lines', () => {
    const r = parse('KEY="-----BEGIN-----\nabc\n-----END-----"\nNEXT=1');
    assert.equal(r.values.KEY, '-----BEGIN-----\nabc\n-----END-----');
    assert.equal(r.values.NEXT, '1');
  });
  it('a bare name takes its value from the environment', () => {
    const r = parse('HOME_DIR\nMISSING', { HOME_DIR: '/root' });
    assert.equal(r.values.HOME_DIR, '/root');
    assert.equal(r.values.MISSING, undefined);
  });
  it('raw format keeps values as written', () => {
    const r = parse('A="quoted $X"', {}, true);
    assert.equal(r.values.A, '"quoted $X"');
  });
  it('reports lines it cannot read, with their line number', () => {
    const r = parse('GOOD=1\nthis is not valid\nBAD="open');
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code}@${d.origin?.line}`),
      ['env-file-syntax@2', 'env-file-syntax@3'],
    );
    assert.equal(r.values.GOOD, '1');
  });
});
