import { pointer } from '../../compose/types.js';
import type { FindingRule } from './rule.js';

export const hardcodedSecret: FindingRule = {
  id: 'hardcoded-secret',
  severity: 'high',
  description: 'A secret value written in the Compose file itself (not interpolated from the environment).',
  check(ctx) {
    const { project, workload: w } = ctx;
    return w.environment.flatMap((e) => {
      if (!e.sensitive || !e.value || e.weakDefault) return [];
      const fromComposeFile = e.origin && project.files.includes(e.origin.file);
      if (!fromComposeFile || project.templates.has(pointer('services', w.name, 'environment', e.name))) return [];
      return [
        {
          message: `${e.name} is written in the Compose file`,
          action: 'move it out of the file into a Secret (and rotate it: it is in version control)',
          at: ['environment', e.name],
          group: { key: e.name, summary: (n: number) => `${e.name} is written in the Compose file (in ${n} services)` },
        },
      ];
    });
  },
};
