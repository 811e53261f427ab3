import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './dnsconfig-options.js';

lintCases(rule, {
  valid: [docs(deployment({ pod: { dnsConfig: { options: [{ name: 'ndots', value: '2' }] } } }))],
  invalid: [{ yaml: docs(deployment()), messages: ['the pod does not set the DNS option ndots: 2'] }],
});
