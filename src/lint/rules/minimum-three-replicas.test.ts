import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './minimum-three-replicas.js';

lintCases(rule, {
  valid: [docs(deployment({ replicas: 3 }))],
  invalid: [{ yaml: docs(deployment({ replicas: 2 })), messages: ['Deployment web has 2 replicas'] }],
});
