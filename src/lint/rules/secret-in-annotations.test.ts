import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './secret-in-annotations.js';

lintCases(rule, {
  valid: [
    docs(
      deployment({
        meta: {
          annotations: {
            'ignore-check.kube-linter.io/latest-tag': 'pinned by digest upstream',
            description: 'the shop',
          },
        },
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ meta: { annotations: { 'example.com/api-token': 'abc123def' } } })),
      messages: ['the annotation example.com/api-token holds a value named api-token'],
    },
  ],
});
