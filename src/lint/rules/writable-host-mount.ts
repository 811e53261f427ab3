import { hitAt, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { hostMounts } from '../workloads.js';

const rule: LintRule = {
  id: 'writable-host-mount',
  severity: 'warning',
  optIn: true,
  covers: ['kube-linter:writable-host-mount'],
  description: 'A container mounts a folder of the node writable.',
  hint: 'Mount host paths with readOnly: true where only reading is needed.',
  check: (ctx) =>
    ctx.workloads.flatMap((w) =>
      hostMounts(w)
        .filter((m) => !m.readOnly)
        .map((m) => hitAt(w, m.path, `container ${quote(m.container.name)} mounts ${m.hostPath} of the node writable`)),
    ),
};
export default rule;
