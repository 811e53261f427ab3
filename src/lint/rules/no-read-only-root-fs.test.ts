import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './no-read-only-root-fs.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(deployment({ containers: [container({ securityContext: { readOnlyRootFilesystem: false } })] })),
      messages: ['container "app" does not have a read-only root file system'],
    },
  ],
});
