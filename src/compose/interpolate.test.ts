import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { interpolateString } from './interpolate.js';

const origin = { file: 'compose.yaml', line: 3, col: 10, path: 'services.a.image' };
const env: Record<string, string> = { SET: 'value', EMPTY: '', NESTED: 'inner' };
const run = (s: string) => interpolateString(s, (n) => env[n], origin);
const val = (s: string) => run(s).value;

describe('interpolation', () => {
  it('expands $VAR and ${VAR}', () => {
    assert.equal(val('a-$SET-b'), 'a-value-b');
    assert.equal(val('a-${SET}-b'), 'a-value-b');
    assert.equal(val('$SET$SET'), 'valuevalue');
  });
  it('${VAR:-default} uses the default when unset or empty', () => {
    assert.equal(val('${UNSET:-d}'), 'd');
    assert.equal(val('${EMPTY:-d}'), 'd');
    assert.equal(val('${SET:-d}'), 'value');
  });
  it('${VAR-default} uses the default only when unset', () => {
    assert.equal(val('${UNSET-d}'), 'd');
    assert.equal(val('${EMPTY-d}'), '');
    assert.equal(val('${SET-d}'), 'value');
  });
  it('${VAR:?err} fails when unset or empty, with the message', () => {
    const r = run('x ${UNSET:?must be set}');
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.code, 'interpolation-required');
    assert.match(r.diagnostics[0]!.message, /UNSET is not set: must be set/);
    assert.equal(r.diagnostics[0]!.origin!.col, 12);
    assert.equal(run('${EMPTY:?no}').diagnostics[0]!.code, 'interpolation-required');
    assert.equal(run('${SET:?no}').value, 'value');
  });
  it('${VAR?err} fails only when unset', () => {
    assert.equal(run('${UNSET?no}').diagnostics[0]!.code, 'interpolation-required');
    const r = run('${EMPTY?no}');
    assert.equal(r.diagnostics.length, 0);
    assert.equal(r.value, '');
  });
  it('${VAR:+alt} and ${VAR+alt} substitute when set', () => {
    assert.equal(val('${SET:+alt}'), 'alt');
    assert.equal(val('${EMPTY:+alt}'), '');
    assert.equal(val('${UNSET:+alt}'), '');
    assert.equal(val('${EMPTY+alt}'), 'alt');
    assert.equal(val('${UNSET+alt}'), '');
  });
  it('nests expressions inside defaults', () => {
    assert.equal(val('${UNSET:-${NESTED}}'), 'inner');
    assert.equal(val('${UNSET:-${ALSO_UNSET:-deep}}'), 'deep');
    assert.equal(val('${SET:+https://${NESTED}/x}'), 'https://inner/x');
  });
  it('$$ is a literal dollar sign, also inside defaults', () => {
    assert.equal(val('$$HOME and $${SET}'), '$HOME and ${SET}');
    assert.equal(val('${UNSET:-a$$b}'), 'a$b');
  });
  it('a lone $ is kept', () => {
    assert.equal(val('cost: 5$'), 'cost: 5$');
    assert.equal(val('a $ b'), 'a $ b');
  });
  it('warns about an unset variable without default, at its column', () => {
    const r = run('pre-${UNSET}');
    assert.equal(r.value, 'pre-');
    assert.equal(r.diagnostics[0]!.code, 'variable-unset');
    assert.equal(r.diagnostics[0]!.severity, 'warning');
    assert.equal(r.diagnostics[0]!.origin!.col, 14);
  });
  it('reports malformed expressions', () => {
    assert.equal(run('${UNCLOSED').diagnostics[0]!.code, 'interpolation-syntax');
    assert.equal(run('${}').diagnostics[0]!.code, 'interpolation-syntax');
    assert.equal(run('${1BAD}').diagnostics[0]!.code, 'interpolation-syntax');
    assert.equal(run('${VAR!x}').diagnostics[0]!.code, 'interpolation-syntax');
  });
});
