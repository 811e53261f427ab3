import type { FindingRule } from './rule.js';

export const hostPath: FindingRule = {
  id: 'host-path',
  severity: 'medium',
  description:
    'A host folder mounted into a service that does not keep data in it: a claim for what it writes, a ConfigMap for what it reads.',
  check(ctx) {
    const w = ctx.workload;
    return w.storage.flatMap((m, i) =>
      m.kind === 'host-path' && !(m.isDataPath || w.stateful)
        ? [
            {
              message: `${w.name} mounts the host folder ${ctx.shown(m.source)} at ${m.target}`,
              action: 'use a PersistentVolumeClaim for data it writes, or a ConfigMap for files it reads',
              at: ['volumes', i],
            },
          ]
        : [],
    );
  },
};
