import { lookupImage, parseImage } from '../../knowledge/index.js';
import { unreplicatedPrimary } from '../../knowledge/replication.js';
import { envOf } from '../env.js';
import { perWorkload } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { arr, runContainers, str } from '../workloads.js';

const rule: LintRule = {
  id: 'stateful-replicas',
  severity: 'error',
  covers: [],
  description:
    'A single-primary database (PostgreSQL, MySQL/MariaDB, Redis, MongoDB) runs more than one replica with no replication set up: each pod is its own empty database behind one Service, and clients see different data on each connection.',
  hint: 'Run one replica, or use the engine’s operator (CloudNativePG, the MariaDB or Redis operator) for replication.',
  check: (ctx) =>
    perWorkload(ctx, (w) => {
      if ((w.replicas ?? 1) < 2) return undefined;
      for (const c of runContainers(w).filter((x) => !x.init)) {
        const image = str(c.spec.image);
        const known = image ? lookupImage(parseImage(image)) : undefined;
        const words = [...arr(c.spec.command), ...arr(c.spec.args)].map(String);
        if (
          !known ||
          !unreplicatedPrimary(
            known,
            words,
            envOf(c).map((e) => e.name),
          )
        )
          continue;
        return {
          path: ['spec', 'replicas'],
          message: `${w.kind} ${w.name} runs ${w.replicas ?? 0} replicas of ${known.name} without replication: ${w.replicas ?? 0} separate databases${known.operator ? `; use ${known.operator}` : ''}`,
        };
      }
      return undefined;
    }),
};
export default rule;
