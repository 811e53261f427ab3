import { hitAt, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { hostMounts } from '../workloads.js';

/** Sockets of container runtimes: whoever holds one controls every container of the node. */
export const RUNTIME_SOCKET = /(docker|containerd|crio|cri-dockerd|podman)\.sock$/;

const rule: LintRule = {
  id: 'docker-sock',
  severity: 'error',
  covers: ['kube-linter:docker-sock', 'kube-linter:container-runtime-sock'],
  description: 'A container mounts the Docker (or another container runtime) socket of the node.',
  hint: 'Remove the mount: the socket gives full control of the node. Most clusters have no Docker socket at all.',
  check: (ctx) =>
    ctx.workloads.flatMap((w) =>
      hostMounts(w)
        .filter((m) => RUNTIME_SOCKET.test(m.hostPath))
        .map((m) =>
          hitAt(w, m.path, `container ${quote(m.container.name)} mounts the container runtime socket ${m.hostPath}`),
        ),
    ),
};
export default rule;
