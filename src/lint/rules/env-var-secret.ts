import { envOf } from '../env.js';
import { hitAt, perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'env-var-secret',
  severity: 'error',
  covers: ['kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar'],
  description: 'An environment variable named like a secret holds its value in the manifest.',
  hint: 'Put the value in a Secret and read it with valueFrom.secretKeyRef (or envFrom.secretRef).',
  check: (ctx) =>
    perContainer(ctx, (w, c) =>
      envOf(c)
        .filter((e) => /secret/i.test(e.name) && e.value !== undefined && e.value !== '')
        .map((e) => hitAt(w, [...e.path, 'value'], `container ${quote(c.name)} has ${e.name} written in the manifest`)),
    ),
};
export default rule;
