import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './unset-cpu-requirements.js';

lintCases(rule, {
  valid: [docs(deployment())],
  invalid: [
    {
      yaml: docs(
        deployment({
          containers: [container({ resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } } })],
        }),
      ),
      messages: ['container "app" has no cpu request and no limit'],
    },
    {
      yaml: docs(deployment({ containers: [container({ resources: { requests: { cpu: '1' } } })] })),
      messages: ['container "app" has no cpu limit'],
    },
  ],
});
