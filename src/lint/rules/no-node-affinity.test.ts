import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './no-node-affinity.js';

lintCases(rule, {
  valid: [docs(deployment({ pod: { affinity: { nodeAffinity: {} } } }))],
  invalid: [{ yaml: docs(deployment()), messages: ['Deployment web has no node affinity'] }],
});
