import { LABELS, deployment, docs, lintCases, podSpec } from '../../../test/lint-cases.js';
import rule from './mismatching-selector.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: {
        selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
        template: { metadata: { labels: LABELS }, spec: podSpec() },
      },
    }),
  ],
  invalid: [
    {
      yaml: docs(deployment({ spec: { selector: { matchLabels: { app: 'api' } } } })),
      messages: ['the selector of Deployment web does not match the labels of its pod template'],
    },
    { yaml: docs(deployment({ spec: { selector: {} } })), messages: ['Deployment web has an empty selector'] },
  ],
});
