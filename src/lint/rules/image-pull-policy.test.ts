import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './image-pull-policy.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ image: 'web', imagePullPolicy: 'Always' })] })),
    docs(deployment({ containers: [container({ image: 'web' })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ image: 'web:latest', imagePullPolicy: 'IfNotPresent' })] })),
      messages: ['container "app" runs the mutable image "web:latest" with imagePullPolicy IfNotPresent'],
    },
  ],
});
