import { pssControl } from '../rule-kit.js';
import { nameOfVolume } from '../pss.js';
import { arr, obj } from '../workloads.js';

export default pssControl(
  {
    id: 'pss-host-path',
    level: 'baseline',
    covers: ['pss:baseline/hostpath-volumes'],
    description: 'Pod Security baseline, HostPath Volumes: no hostPath volume.',
    hint: 'Use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead.',
  },
  (w) =>
    arr(w.podSpec.volumes).flatMap((v, i) =>
      obj(v).hostPath !== undefined
        ? [{ path: [...w.podPath, 'volumes', i, 'hostPath'], message: `the volume ${nameOfVolume(v)} is a hostPath` }]
        : [],
    ),
);
