import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './latest-tag.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ image: 'ghcr.io/acme/web@sha256:0123456789abcdef' })] })),
    docs(deployment({ containers: [container({ image: 'localhost:5000/web:1.2' })] })),
  ],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ image: 'nginx' })] })),
      messages: ['container "app" runs "nginx", which is not pinned to a version'],
    },
    {
      yaml: docs(deployment({ containers: [container({ image: 'localhost:5000/web:latest' })] })),
      messages: ['container "app" runs "localhost:5000/web:latest", which is not pinned to a version'],
    },
    {
      yaml: docs(deployment({ containers: [container({ image: 'localhost:5000/web' })] })),
      messages: ['container "app" runs "localhost:5000/web", which is not pinned to a version'],
    },
  ],
});
