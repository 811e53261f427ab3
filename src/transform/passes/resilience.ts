import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { isUnpinned, parseImage } from '../../knowledge/index.js';
import type { Pass } from '../context.js';

/**
 * PodDisruptionBudget and zone/node spread for services with two or more replicas (none on a single
 * replica, where it would block every node drain), and the pull policy that matches the tag.
 */
export const resiliencePass: Pass = {
  id: 'resilience',
  description: 'PodDisruptionBudgets, topology spread, pull policy',
  run(ctx) {
    for (const draft of ctx.pods.values()) {
      const w = draft.workload;
      const ref = parseImage(draft.main.image ?? '');
      draft.main.imagePullPolicy = isUnpinned(ref) ? 'Always' : 'IfNotPresent';
      if (isUnpinned(ref))
        draft.comments.push(
          `${!ref.tag ? 'no tag' : ref.tag === 'latest' ? ':latest' : `:${ref.tag} names no version`}: imagePullPolicy Always, so every node runs the newest push (pin a version to make rollouts repeatable).`,
        );
      if (draft.hostedBy || w.oneShot || draft.kind === 'DaemonSet') continue;
      if (draft.replicas < 2) {
        if (w.stateful)
          draft.comments.push(
            'One replica: no PodDisruptionBudget, which would block every node drain; plan drains for a maintenance window.',
          );
        continue;
      }
      ctx.emit({
        service: w.name,
        file: 'pdb',
        object: new PodDisruptionBudget({
          metadata: { name: ctx.name(w.name), labels: ctx.labels(w) },
          spec: { maxUnavailable: 1, selector: { matchLabels: ctx.selector(w) } },
        }),
        comments: [
          `${draft.replicas} replicas: at most one down at a time during voluntary disruptions (node drains, upgrades).`,
        ],
      });
      draft.comments.push(`${draft.replicas} replicas spread over nodes and zones (best effort).`);
    }
  },
};
