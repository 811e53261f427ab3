import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './invalid-image.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ containers: [container({ image: 'localhost:5000/team/web:1.2-rc.1' })] })),
    docs(
      deployment({
        containers: [
          container({
            image: 'ghcr.io/acme/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          }),
        ],
      }),
    ),
  ],
  invalid: [
    {
      // Airflow's Compose default, its documentation's placeholder.
      yaml: docs(deployment({ containers: [container({ image: 'apache/airflow:|version|' })] })),
      messages: ['container "app" runs "apache/airflow:|version|", which is not an image reference'],
    },
    {
      // A registry variable left unset: `${REGISTRY}/web:1.0`.
      yaml: docs(deployment({ containers: [container({ image: '/web:1.0' })] })),
      messages: ['container "app" runs "/web:1.0", which is not an image reference'],
    },
    {
      yaml: docs(deployment({ containers: [container({ image: 'Acme/Web:1.0' })] })),
      messages: ['container "app" runs "Acme/Web:1.0", which is not an image reference'],
    },
  ],
});
