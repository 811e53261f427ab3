import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './required-label-owner.js';

lintCases(rule, {
  valid: [docs(deployment({ meta: { labels: { owner: 'team-a' } } }))],
  invalid: [{ yaml: docs(deployment()), messages: ['Deployment web has no owner label'] }],
});
