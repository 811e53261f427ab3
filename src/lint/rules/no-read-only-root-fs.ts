import { perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { get } from '../workloads.js';

const rule: LintRule = {
  id: 'no-read-only-root-fs',
  severity: 'warning',
  covers: [
    'kube-linter:no-read-only-root-fs',
    'kube-score:container-security-context-readonlyrootfilesystem',
    'polaris:notReadOnlyRootFilesystem',
  ],
  description: 'A container can write to its root file system.',
  hint: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the image must write (/tmp, caches).',
  check: (ctx) =>
    perContainer(ctx, (_w, c) =>
      get(c.spec, ['securityContext', 'readOnlyRootFilesystem']) === true
        ? undefined
        : { message: `container ${quote(c.name)} does not have a read-only root file system` },
    ),
};
export default rule;
