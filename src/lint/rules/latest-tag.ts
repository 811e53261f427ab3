import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { str } from '../workloads.js';

/**
 * An image without a tag, or tagged `latest`, is a moving target: two nodes can run different code and
 * a rollback does not roll back. A digest pins it whatever the tag says.
 */
export function mutableTag(image: string): boolean {
  if (image.includes('@')) return false;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon < 0 || last.slice(colon + 1) === 'latest';
}

const rule: LintRule = {
  id: 'latest-tag',
  severity: 'warning',
  covers: ['kube-linter:latest-tag', 'kube-score:container-image-tag', 'polaris:tagNotSpecified'],
  description: 'A container image has no tag or the tag latest.',
  hint: 'Pin the image to a version tag (or a digest) so every node runs the same code and a rollback works.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const image = str(c.spec.image);
      if (image === undefined || !mutableTag(image)) return undefined;
      return {
        path: [...c.path, 'image'],
        message: `container ${quote(c.name)} runs ${quote(image)}, which is not pinned to a version`,
      };
    }),
};
export default rule;
