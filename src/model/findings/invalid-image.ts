import { isValidReference } from '../../knowledge/index.js';
import type { FindingRule } from './rule.js';

export const invalidImage: FindingRule = {
  id: 'invalid-image',
  severity: 'high',
  description: 'An image that is no image reference at all (a placeholder left in): no runtime can pull it.',
  check(ctx) {
    const w = ctx.workload;
    if (!w.image || isValidReference(w.image.raw)) return [];
    return [
      {
        message: `${w.name} names the image \`${w.image.raw}\`, which is not an image reference: its pods would stay in InvalidImageName`,
        action:
          'set the image (or the variable whose default it comes from) to a real reference, `repository:tag` in lowercase',
        at: ['image'],
      },
    ];
  },
};
