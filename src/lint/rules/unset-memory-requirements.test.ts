import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './unset-memory-requirements.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ resources: {} })] })),
      messages: ['container "app" has no memory request and no limit'],
    },
  ],
});
