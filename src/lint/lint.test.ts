import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';
import { describe, it } from '../../test/harness.js';
import { deployment, docs, container } from '../../test/lint-cases.js';
import { parseLintConfig } from './config.js';
import { lintJson, lintSarif, lintText } from './format.js';
import { parseManifests } from './parse.js';
import { LINT_RULES } from './rules/index.js';
import { lint, resolveRule, unknownRules } from './run.js';

const require = createRequire(import.meta.url);
/** The OASIS SARIF 2.1.0 schema (its final revision, rtm.5, as published by the SARIF authors); JSON Schema draft 4. */
const SARIF_SCHEMA = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
const AjvDraft04 = require('ajv-draft-04') as new (options: Options) => Ajv;
const addFormats = require('ajv-formats') as (ajv: Ajv) => void;

const bad = docs(deployment({ containers: [container({ image: 'nginx', securityContext: { privileged: true } })] }));

describe('lint input', () => {
  it('reads several documents, JSON and List items with their positions', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n---\n{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}}\n---\n`;
    const { manifests, errors } = parseManifests('m.yaml', text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      manifests.map((m) => `${m.object.kind}/${m.object.metadata.name ?? ''}@${m.line}:${m.col}`),
      ['ConfigMap/a@4:5', 'Secret/b@8:1'],
    );
  });
  it('reports broken YAML and objects without apiVersion or kind at their position, and keeps the rest', () => {
    const { manifests, errors } = parseManifests(
      'm.yaml',
      'kind: Pod\nmetadata: {name: x}\n---\nfoo: [1, 2\n---\napiVersion: v1\nkind: Secret\n---\n- a\n',
    );
    assert.equal(manifests.length, 1);
    assert.deepEqual(
      errors.map((e) => `${e.line}:${e.col} ${e.message}`),
      [
        '1:1 the object has no apiVersion',
        '4:11 Flow sequence in block collection must be sufficiently indented and end with a ]',
        '9:1 a Kubernetes manifest must be a mapping with apiVersion and kind',
      ],
    );
  });
});

describe('lint run', () => {
  const { manifests } = parseManifests('d.yaml', bad);
  it('runs the default rules and points each finding at its field', () => {
    const r = lint(manifests, []);
    const latest = r.findings.find((f) => f.rule === 'latest-tag');
    assert.ok(latest);
    assert.equal(`${latest.line}:${latest.col}`, '22:18');
    assert.ok(r.findings.some((f) => f.rule === 'privileged-container' && f.severity === 'error'));
    assert.ok(!r.findings.some((f) => f.rule === 'minimum-three-replicas'), 'opt-in rules stay off');
    assert.equal(r.summary.error, r.findings.filter((f) => f.severity === 'error').length);
  });
  it('takes other tools’ names for --rule, and knows unknown ones', () => {
    assert.deepEqual(
      resolveRule('kube-linter:latest-tag').map((r) => r.id),
      ['latest-tag'],
    );
    assert.deepEqual(
      resolveRule('polaris:runAsPrivileged').map((r) => r.id),
      ['privileged-container'],
    );
    assert.ok(resolveRule('pss:baseline').length >= 11);
    assert.deepEqual(unknownRules(['latest-tag', 'kube-linter:nope', 'nope']), ['kube-linter:nope', 'nope']);
    const r = lint(manifests, [], { only: ['kube-linter:latest-tag'] });
    assert.deepEqual([...new Set(r.findings.map((f) => f.rule))], ['latest-tag']);
  });
  it('covers every check of kube-linter’s list', () => {
    const covered = new Set(LINT_RULES.flatMap((r) => r.covers));
    const KUBE_LINTER =
      'access-to-create-pods access-to-secrets cluster-admin-role-binding dangling-horizontalpodautoscaler dangling-ingress dangling-networkpolicy dangling-networkpolicypeer-podselector dangling-service dangling-servicemonitor default-service-account deprecated-service-account-field dnsconfig-options docker-sock drop-net-raw-capability duplicate-env-var env-var-secret exposed-services host-ipc host-network host-pid hpa-minimum-three-replicas invalid-target-ports job-ttl-seconds-after-finished latest-tag liveness-port minimum-three-replicas mismatching-selector no-anti-affinity no-extensions-v1beta no-liveness-probe no-node-affinity no-read-only-root-fs no-readiness-probe no-rolling-update-strategy no-startup-probe non-existent-service-account non-isolated-pod pdb-max-unavailable pdb-min-available pdb-unhealthy-pod-eviction-policy priority-class-name privilege-escalation-container privileged-container privileged-ports read-secret-from-env-var readiness-port required-annotation-email required-label-owner restart-policy run-as-non-root sensitive-host-mounts ssh-port startup-port unsafe-proc-mount unsafe-sysctls unset-cpu-requirements unset-ephemeral-storage-requirements unset-memory-requirements use-namespace wildcard-in-rules writable-host-mount'.split(
        ' ',
      );
    assert.deepEqual(
      KUBE_LINTER.filter((c) => !covered.has(`kube-linter:${c}`)),
      [],
    );
  });
  it('honours settings, our ignore annotation and kube-linter’s', () => {
    const off = lint(manifests, [], {
      settings: { 'kube-linter:latest-tag': 'off', 'privileged-container': 'warning', 'minimum-three-replicas': 'on' },
    });
    assert.ok(!off.findings.some((f) => f.rule === 'latest-tag'));
    assert.equal(off.findings.find((f) => f.rule === 'privileged-container')?.severity, 'warning');
    assert.ok(off.findings.some((f) => f.rule === 'minimum-three-replicas'));
    const annotated = parseManifests(
      'd.yaml',
      docs(
        deployment({
          meta: {
            annotations: {
              'ignore-check.kube-linter.io/latest-tag': 'pinned elsewhere',
              'ignore-check.stevedore.dev/privileged-container': 'a VPN',
            },
          },
          containers: [container({ image: 'nginx', securityContext: { privileged: true } })],
        }),
      ),
    ).manifests;
    const r = lint(annotated, []);
    assert.ok(!r.findings.some((f) => f.rule === 'latest-tag' || f.rule === 'privileged-container'));
  });
});

describe('lint config file', () => {
  it('reads levels and rule settings', () => {
    const { config, errors } = parseLintConfig(
      '.stevedore-lint.yaml',
      'podSecurity: baseline\nrules:\n  latest-tag: off\n  kube-linter:minimum-three-replicas: warning\n',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(config, {
      podSecurity: 'baseline',
      rules: { 'latest-tag': 'off', 'kube-linter:minimum-three-replicas': 'warning' },
    });
  });
  it('names the line and column of each mistake', () => {
    const { errors } = parseLintConfig(
      'c.yaml',
      'podSecurity: strict\nrules:\n  latest-tags: off\n  latest-tag: loud\nextra: 1\n',
    );
    assert.deepEqual(
      errors.map((e) => `${e.line}:${e.col}`),
      ['1:14', '3:3', '4:15', '5:1'],
    );
    assert.match(errors[1]?.message ?? '', /no lint rule is named "latest-tags"/);
  });
});

describe('lint reports', () => {
  const result = lint(parseManifests('k8s/web.yaml', bad).manifests, [
    { file: 'k8s/x.yaml', line: 2, col: 1, message: 'the object has no kind' },
  ]);
  it('JSON has the documented shape', () => {
    const j = JSON.parse(lintJson(result)) as { findings: Record<string, unknown>[]; summary: Record<string, number> };
    const f = j.findings[0] ?? {};
    assert.deepEqual(Object.keys(f).sort(), [
      'col',
      'covers',
      'file',
      'hint',
      'line',
      'message',
      'object',
      'rule',
      'severity',
    ]);
    assert.deepEqual(f.object, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' });
    assert.equal(j.summary.error, result.summary.error);
  });
  it('SARIF validates against the official SARIF 2.1.0 schema', () => {
    const sarif = JSON.parse(lintSarif(result, '0.1.0')) as {
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    assert.ok(validate(sarif), ajv.errorsText(validate.errors));
    // The schema is really applied: a result without its message is refused.
    const broken = structuredClone(sarif) as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0]!.results[0]!.message;
    assert.equal(validate(broken), false);
    assert.equal(sarif.runs[0]?.results.length, result.findings.length + 1);
    assert.ok(sarif.runs[0]?.results.some((r) => r.ruleId === 'privileged-container' && r.level === 'error'));
  });
  it('text groups by object and ends with the counts', () => {
    const text = lintText(result);
    assert.match(text, /^k8s\/x\.yaml:2:1: error: the object has no kind$/m);
    assert.match(text, /^Deployment shop\/web {2}k8s\/web\.yaml$/m);
    assert.match(text, /= hint: /);
    assert.match(text, /1 object in 1 file, \d+ rules: \d+ errors, \d+ warnings?, \d+ info\n$/);
  });
});
