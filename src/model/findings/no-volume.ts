import type { FindingRule } from './rule.js';

export const noVolume: FindingRule = {
  id: 'no-volume',
  severity: 'high',
  description: 'A database, queue, search engine or object store with no volume: its data is lost on restart.',
  check(ctx) {
    const w = ctx.workload;
    const data = ['database', 'queue', 'search', 'object-store', 'coordination'].includes(w.role);
    if (!data || w.oneShot || w.storage.some((m) => m.kind === 'data' || m.kind === 'host-path')) return [];
    return [
      {
        message: `${w.name} is a ${w.role} with no volume: its data lives in the container and is lost on restart`,
        action: 'give it a PersistentVolumeClaim (convert does) — or confirm it is meant to be throwaway',
      },
    ];
  },
};
