import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './duplicate-env-var.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        containers: [
          container({
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '1' },
            ],
          }),
        ],
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({
          containers: [
            container({
              env: [
                { name: 'A', value: '1' },
                { name: 'A', value: '2' },
              ],
            }),
          ],
        }),
      ),
      messages: ['container "app" sets A more than once'],
    },
  ],
});
