import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { str } from '../workloads.js';
import { isUnpinned, parseImage } from '../../knowledge/index.js';

const rule: LintRule = {
  id: 'image-pull-policy',
  severity: 'warning',
  covers: ['kube-score:container-image-pull-policy', 'polaris:pullPolicyNotAlways'],
  description:
    'A container with a mutable image (no tag or latest) does not pull it every time: nodes keep running whatever they pulled first.',
  hint: 'Pin the image to a version, or set imagePullPolicy: Always.',
  check: (ctx) =>
    perContainer(ctx, (_w, c) => {
      const image = str(c.spec.image);
      const policy = str(c.spec.imagePullPolicy);
      // An unset policy on a :latest or untagged image defaults to Always.
      if (!image || !isUnpinned(parseImage(image)) || policy === undefined || policy === 'Always') return undefined;
      return {
        path: [...c.path, 'imagePullPolicy'],
        message: `container ${quote(c.name)} runs the mutable image ${quote(image)} with imagePullPolicy ${policy}`,
      };
    }),
};
export default rule;
