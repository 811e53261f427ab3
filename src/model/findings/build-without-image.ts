import path from 'node:path';
import { builtWithoutPushableImage, type FindingRule } from './rule.js';

export const buildWithoutImage: FindingRule = {
  id: 'build-without-image',
  severity: 'medium',
  description: 'A service built from source with no image name that a cluster could pull.',
  check(ctx) {
    const w = ctx.workload;
    if (!w.build || !builtWithoutPushableImage(w)) return [];
    const context = path.relative(ctx.project.working_dir, w.build.context) || '.';
    return [
      {
        message: `${w.name} is built from ./${context.replace(/^\.\//, '')} ${w.image ? `as ${w.image.raw}, a name no cluster can pull` : 'with no image name'}`,
        action: 'build and push the images to a registry the cluster can pull from (`stevedore convert --registry`)',
        at: ['build'],
        group: {
          key: 'build',
          summary: (n) => `${n} services are built from source with no image name a cluster can pull`,
        },
      },
    ];
  },
};
