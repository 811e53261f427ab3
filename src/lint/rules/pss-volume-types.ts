import { pssControl } from '../rule-kit.js';
import { RESTRICTED_VOLUMES, nameOfVolume, volumeType } from '../pss.js';
import { arr } from '../workloads.js';

export default pssControl(
  {
    id: 'pss-volume-types',
    level: 'restricted',
    covers: ['pss:restricted/volume-types'],
    description:
      'Pod Security restricted, Volume Types: only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes.',
    hint: 'Replace the volume with a PersistentVolumeClaim (or one of the allowed types).',
  },
  (w) =>
    arr(w.podSpec.volumes).flatMap((v, i) => {
      const type = volumeType(v);
      return type && !RESTRICTED_VOLUMES.has(type)
        ? [{ path: [...w.podPath, 'volumes', i], message: `the volume ${nameOfVolume(v)} is of type ${type}` }]
        : [];
    }),
);
