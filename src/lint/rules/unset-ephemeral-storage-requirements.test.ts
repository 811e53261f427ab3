import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './unset-ephemeral-storage-requirements.js';

lintCases(rule, {
  valid: [
    docs(
      deployment({
        containers: [
          container({
            resources: { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '2Gi' } },
          }),
        ],
      }),
    ),
  ],
  invalid: [{ yaml: docs(deployment()), messages: ['container "app" has no ephemeral-storage request and no limit'] }],
});
