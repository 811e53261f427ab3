import { isValidReference } from '../../knowledge/index.js';
import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { str } from '../workloads.js';

const rule: LintRule = {
  id: 'invalid-image',
  severity: 'error',
  covers: [],
  description:
    'A container image is not an image reference (a placeholder left in, an unset variable): no runtime can pull it.',
  hint: 'Set a real reference, `[registry/]repository[:tag][@digest]` with a lowercase repository; the pod would stay in InvalidImageName.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const image = str(c.spec.image);
      if (image === undefined || isValidReference(image)) return undefined;
      return {
        path: [...c.path, 'image'],
        message: `container ${quote(c.name)} runs ${quote(image)}, which is not an image reference`,
      };
    }),
};
export default rule;
