import { policiesOn } from '../netpol.js';
import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'non-isolated-pod',
  severity: 'warning',
  covers: ['kube-linter:non-isolated-pod', 'kube-score:pod-networkpolicy'],
  description: 'No NetworkPolicy restricts who may connect to a workload’s pods: any pod of the cluster can.',
  hint: 'Add a NetworkPolicy selecting the pods (a default-deny policy plus one allowing the known clients).',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      policiesOn(ctx, w, 'Ingress').length
        ? undefined
        : { path: [], message: `no NetworkPolicy restricts traffic to ${w.kind} ${w.name}` },
    ),
};
export default rule;
