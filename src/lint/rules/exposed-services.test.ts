import { docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './exposed-services.js';

lintCases(rule, {
  valid: [docs(service())],
  invalid: [
    { yaml: docs(service({}, { type: 'LoadBalancer' })), messages: ['Service web is of type LoadBalancer'] },
    { yaml: docs(service({}, { type: 'NodePort' })), messages: ['Service web is of type NodePort'] },
  ],
});
