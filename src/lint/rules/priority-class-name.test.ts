import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './priority-class-name.js';

lintCases(rule, {
  valid: [docs(deployment({ pod: { priorityClassName: 'high' } }))],
  invalid: [{ yaml: docs(deployment()), messages: ['Deployment web has no priorityClassName'] }],
});
