import { isUnpinned, parseImage } from '../../knowledge/index.js';
import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { str } from '../workloads.js';

const rule: LintRule = {
  id: 'latest-tag',
  severity: 'warning',
  covers: ['kube-linter:latest-tag', 'kube-score:container-image-tag', 'polaris:tagNotSpecified'],
  description: 'A container image has no tag or the tag latest.',
  hint: 'Pin the image to a version tag (or a digest) so every node runs the same code and a rollback works.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const image = str(c.spec.image);
      if (image === undefined || !isUnpinned(parseImage(image))) return undefined;
      return {
        path: [...c.path, 'image'],
        message: `container ${quote(c.name)} runs ${quote(image)}, which is not pinned to a version`,
      };
    }),
};
export default rule;
