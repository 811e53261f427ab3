import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './run-as-non-root.js';

lintCases(rule, {
  valid: [docs(deployment()), docs(deployment({ pod: { securityContext: { runAsUser: 1000 } } }))],
  invalid: [
    {
      yaml: docs(deployment({ pod: { securityContext: {} } })),
      messages: ['container "app" is not set to run as a non-root user'],
    },
    {
      yaml: docs(
        deployment({
          pod: { securityContext: { runAsNonRoot: true } },
          containers: [container({ securityContext: { runAsNonRoot: false } })],
        }),
      ),
      messages: ['container "app" is not set to run as a non-root user'],
    },
  ],
});
