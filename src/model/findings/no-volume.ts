import type { FindingRule } from './rule.js';

export const noVolume: FindingRule = {
  id: 'no-volume',
  severity: 'high',
  description:
    'A database, queue, search engine or object store with no volume: its data is gone once its container is re-created.',
  check(ctx) {
    const w = ctx.workload;
    const data = ['database', 'queue', 'search', 'object-store', 'coordination'].includes(w.role);
    if (!data || w.oneShot || w.storage.some((m) => m.kind === 'data' || m.kind === 'host-path')) return [];
    return [
      {
        // A restart keeps it (the container and an anonymous volume of its image stay); `docker
        // compose down`, or a new image, re-creates the container without it.
        message: `${w.name} is a ${w.role} with no volume: its data lives in its container (or an anonymous volume of its image) and is gone once the container is re-created (docker compose down, a new image)`,
        action:
          'give it a PersistentVolumeClaim (convert does) and move what it holds now with stevedore migrate before the container is re-created — or confirm it is meant to be throwaway',
      },
    ];
  },
};
