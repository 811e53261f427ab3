import { isUnpinned } from '../../knowledge/index.js';
import { builtWithoutPushableImage, type FindingRule } from './rule.js';

export const unpinnedImage: FindingRule = {
  id: 'unpinned-image',
  severity: 'medium',
  description: 'An image without a version (or :latest): nodes may run different code.',
  check(ctx) {
    const w = ctx.workload;
    if (!w.image || builtWithoutPushableImage(w) || !isUnpinned(w.image)) return [];
    return [
      {
        message: `${w.name} uses ${w.image.raw}, which changes whenever the image is republished`,
        action: 'pin a version tag or a digest so every node runs the same code',
        at: ['image'],
      },
    ];
  },
};
