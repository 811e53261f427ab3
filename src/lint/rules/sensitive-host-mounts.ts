import { hitAt, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { hostMounts } from '../workloads.js';

/** The node's system folders (kube-linter's list): the root, /boot, /dev, /etc, /lib, /proc, /sys, /usr. */
const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];

export function sensitiveHostPath(path: string): string | undefined {
  const clean = path.replace(/\/+$/, '') || '/';
  return SENSITIVE.find((dir) => clean === dir || (dir !== '/' && clean.startsWith(`${dir}/`)));
}

const rule: LintRule = {
  id: 'sensitive-host-mounts',
  severity: 'error',
  covers: ['kube-linter:sensitive-host-mounts', 'kube-linter:host-mounts'],
  description:
    'A container mounts a system folder of the node (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr or below).',
  hint: 'Remove the hostPath volume; a node agent that truly needs it belongs in a DaemonSet that says why.',
  check: (ctx) =>
    ctx.workloads.flatMap((w) =>
      hostMounts(w).flatMap((m) => {
        const dir = sensitiveHostPath(m.hostPath);
        return dir === undefined
          ? []
          : [
              hitAt(
                w,
                m.path,
                `container ${quote(m.container.name)} mounts ${m.hostPath} of the node (a system folder)`,
              ),
            ];
      }),
    ),
};
export default rule;
