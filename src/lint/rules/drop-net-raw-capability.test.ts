import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './drop-net-raw-capability.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ securityContext: { capabilities: { drop: ['NET_RAW'] } } })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ securityContext: {} })] })),
      messages: ['container "app" does not drop NET_RAW'],
    },
    {
      yaml: docs(
        deployment({
          containers: [container({ securityContext: { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } } })],
        }),
      ),
      messages: ['container "app" adds NET_RAW'],
    },
  ],
});
