import { pssControl } from '../rule-kit.js';
import { securityContexts } from '../pss.js';
import { get } from '../workloads.js';

const PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export default pssControl(
  {
    id: 'pss-apparmor',
    level: 'baseline',
    covers: ['pss:baseline/apparmor'],
    description:
      'Pod Security baseline, AppArmor: the profile may only be RuntimeDefault or Localhost (never Unconfined).',
    hint: 'Remove the Unconfined AppArmor profile.',
  },
  (w) => {
    const hits = securityContexts(w)
      .filter((s) => {
        const t = get(s.sc, ['appArmorProfile', 'type']);
        return t !== undefined && t !== 'RuntimeDefault' && t !== 'Localhost';
      })
      .map((s) => ({
        path: [...s.path, 'appArmorProfile'],
        message: `${s.owner} runs with the AppArmor profile ${String(get(s.sc, ['appArmorProfile', 'type']))}`,
      }));
    const annotationsPath =
      w.kind === 'Pod' ? ['metadata', 'annotations'] : [...w.podPath.slice(0, -1), 'metadata', 'annotations'];
    const annotations = (get(w.object, annotationsPath) ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(annotations))
      if (k.startsWith(PREFIX) && v !== 'runtime/default' && !String(v).startsWith('localhost/'))
        hits.push({
          path: [...annotationsPath, k],
          message: `container ${JSON.stringify(k.slice(PREFIX.length))} runs with the AppArmor profile ${String(v)}`,
        });
    return hits;
  },
);
