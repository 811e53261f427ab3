import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './read-secret-from-env-var.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(
        deployment({
          containers: [
            container({ env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }),
          ],
        }),
      ),
      messages: ['container "app" reads PASSWORD from a Secret'],
    },
    {
      yaml: docs(deployment({ containers: [container({ envFrom: [{ secretRef: { name: 's' } }] })] })),
      messages: ['container "app" reads a whole Secret into its environment'],
    },
  ],
});
