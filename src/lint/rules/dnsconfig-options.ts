import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { arr, get, obj } from '../workloads.js';

const rule: LintRule = {
  id: 'dnsconfig-options',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:dnsconfig-options'],
  description:
    'A pod does not set the DNS option ndots: 2 (the default 5 makes every external name try the cluster suffixes first).',
  hint: 'Set spec.dnsConfig.options: [{name: ndots, value: "2"}].',
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      arr(get(w.podSpec, ['dnsConfig', 'options'])).some((o) => obj(o).name === 'ndots' && String(obj(o).value) === '2')
        ? undefined
        : { path: w.podPath, message: 'the pod does not set the DNS option ndots: 2' },
    ),
};
export default rule;
