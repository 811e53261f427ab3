import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { arr, get, obj, selects, type Workload } from '../workloads.js';

const HOST = 'kubernetes.io/hostname';

/** Whether the pods are kept apart across nodes: a podAntiAffinity term or a topology spread over host names. */
export function spreadAcrossNodes(w: Workload): boolean {
  const anti = get(w.podSpec, ['affinity', 'podAntiAffinity']);
  const terms = [
    ...arr(get(anti, ['requiredDuringSchedulingIgnoredDuringExecution'])),
    ...arr(get(anti, ['preferredDuringSchedulingIgnoredDuringExecution'])).map((p) => obj(p).podAffinityTerm),
  ];
  const apart = terms.some((t) => get(t, ['topologyKey']) === HOST && selects(get(t, ['labelSelector']), w.labels));
  const spread = arr(w.podSpec.topologySpreadConstraints).some(
    (t) => get(t, ['topologyKey']) === HOST && selects(get(t, ['labelSelector']), w.labels),
  );
  return apart || spread;
}

const rule: LintRule = {
  id: 'no-anti-affinity',
  severity: 'warning',
  covers: [
    'kube-linter:no-anti-affinity',
    'kube-score:deployment-has-host-podantiaffinity',
    'polaris:topologySpreadConstraint',
  ],
  description:
    'A workload with several replicas does not keep them on different nodes: one node failure can take all of them.',
  hint: `Add a podAntiAffinity term or a topologySpreadConstraint over ${HOST} that selects the workload's own pods.`,
  check: (ctx) =>
    perWorkload(ctx, (w) =>
      (w.replicas ?? 0) >= 2 && !spreadAcrossNodes(w)
        ? {
            path: w.podPath,
            message: `${w.kind} ${w.name} has ${w.replicas ?? 0} replicas and nothing keeps them on different nodes`,
          }
        : undefined,
    ),
};
export default rule;
