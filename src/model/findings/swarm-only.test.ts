import { findingCases } from '../../../test/finding-cases.js';
import { swarmOnly } from './swarm-only.js';

findingCases(swarmOnly, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n'],
  invalid: [
    {
      files:
        'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      placement:\n        constraints: [node.role == worker]\n',
      messages: ['web uses Swarm-only deploy keys: placement'],
      at: ['5:7'],
    },
  ],
});
