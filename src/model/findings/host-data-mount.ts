import type { FindingRule } from './rule.js';

export const hostDataMount: FindingRule = {
  id: 'host-data-mount',
  severity: 'high',
  description:
    'A stateful service (or a known data path) kept in a host folder: the data must move to a PersistentVolumeClaim.',
  check(ctx) {
    const w = ctx.workload;
    return w.storage.flatMap((m, i) =>
      m.kind === 'host-path' && (m.isDataPath || w.stateful)
        ? [
            {
              message: `${w.name} keeps its data in the host folder ${ctx.shown(m.source)}`,
              action: 'move the data to a PersistentVolumeClaim and copy it over with `stevedore migrate`',
              at: ['volumes', i],
            },
          ]
        : [],
    );
  },
};
