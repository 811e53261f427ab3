import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { loadProject } from '../src/compose/load.js';
import { toStream } from '../src/emit/stream.js';
import { composeLinks } from '../src/lint/compose-links.js';
import { buildModel } from '../src/model/build.js';
import { convert } from '../src/transform/index.js';
import type { LintOptions } from '../src/lint/context.js';
import { parseManifests } from '../src/lint/parse.js';
import { lint } from '../src/lint/run.js';
import type { LintRule, LintSeverity } from '../src/lint/types.js';
import { describe, it } from './harness.js';

type Obj = Record<string, unknown>;

/** A container that passes every default rule: pinned image, limits, probes, a locked-down security context. */
export function container(over: Obj = {}): Obj {
  return {
    name: 'app',
    image: 'nginx:1.27',
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    livenessProbe: { tcpSocket: { port: 8080 }, failureThreshold: 6 },
    securityContext: {
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
    ...over,
  };
}

export const LABELS = { app: 'web' };

/** The pod spec around `containers`, with the pod-level security context the restricted level wants. */
export function podSpec(over: Obj = {}, containers: Obj[] = [container()]): Obj {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 101, seccompProfile: { type: 'RuntimeDefault' } },
    containers,
    ...over,
  };
}

/** A Deployment named `web` (labels app=web) that passes every default rule except those that need other objects. */
export function deployment(
  over: {
    name?: string;
    replicas?: number;
    pod?: Obj;
    containers?: Obj[];
    spec?: Obj;
    meta?: Obj;
    labels?: Record<string, string>;
  } = {},
): Obj {
  const labels = over.labels ?? LABELS;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: over.name ?? 'web', namespace: 'shop', ...over.meta },
    spec: {
      replicas: over.replicas ?? 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: podSpec(over.pod, over.containers) },
      ...over.spec,
    },
  };
}

export function service(over: Obj = {}, spec: Obj = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', ...over },
    spec: { selector: LABELS, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  };
}

export function configMap(over: Obj = {}, data: Record<string, string> = {}): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'shop', ...over }, data };
}

/** Objects as one multi-document YAML text. */
export const docs = (...objects: Obj[]): string => objects.map((o) => stringify(o)).join('---\n');

export interface LintCase {
  readonly yaml: string;
  readonly messages: readonly string[];
  /** `line:col` of each finding, in order. */
  readonly at?: readonly string[];
  /** Severity of every finding, when it is not the rule's own. */
  readonly severity?: LintSeverity;
}

export function runRule(rule: LintRule, yaml: string, options: LintOptions = {}) {
  const { manifests, errors } = parseManifests('test.yaml', yaml);
  assert.deepEqual(errors, []);
  return lint(manifests, [], { ...options, rules: [rule], only: [rule.id] }).findings;
}

/** A rule's table of cases: manifests it must stay silent on, and manifests it must flag with these messages. */
export function lintCases(
  rule: LintRule,
  cases: { valid: readonly string[]; invalid: readonly LintCase[]; options?: LintOptions },
): void {
  describe(`lint rule ${rule.id}`, () => {
    it('has its documentation', () => {
      assert.match(rule.description, /\.$/);
      assert.ok(rule.hint.length > 10);
    });
    cases.valid.forEach((yaml, i) => {
      void it(`valid #${i + 1}`, () => {
        assert.deepEqual(
          runRule(rule, yaml, cases.options).map((f) => f.message),
          [],
        );
      });
    });
    cases.invalid.forEach((c, i) => {
      void it(`invalid #${i + 1}: ${c.messages[0] ?? ''}`, () => {
        const found = runRule(rule, c.yaml, cases.options);
        assert.deepEqual(
          found.map((f) => f.message),
          c.messages,
        );
        for (const f of found) assert.equal(f.severity, c.severity ?? rule.severity);
        if (c.at)
          assert.deepEqual(
            found.map((f) => `${f.line}:${f.col}`),
            c.at,
          );
      });
    });
  });
}

/** Converts a stack and lints the result against its own Compose project, every default rule on. */
export function lintStack(dir: string, envFiles?: string[]) {
  const { value, diagnostics } = loadProject({ cwd: dir, ...(envFiles ? { envFiles } : {}) });
  assert.ok(value.project, diagnostics.map((d) => d.message).join('; '));
  const model = buildModel(value.project).value;
  const conversion = convert(model, value.project).value;
  const { manifests, errors } = parseManifests('output.yaml', toStream(conversion));
  assert.deepEqual(errors, []);
  return { ...lint(manifests, errors, { compose: composeLinks(model, 'compose.yaml') }), todo: conversion.todo };
}
