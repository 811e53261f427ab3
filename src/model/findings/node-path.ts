import type { FindingRule } from './rule.js';

export const nodePath: FindingRule = {
  id: 'node-path',
  severity: 'medium',
  description:
    'A path of the Docker host itself (/proc, /etc, a home folder), outside the project: a cluster node is another machine, so only a node agent gets it (as a hostPath in a DaemonSet); for any other service it is left out.',
  check(ctx) {
    const w = ctx.workload;
    return w.storage.flatMap((m, i) =>
      m.kind === 'node'
        ? [
            {
              message: `${w.name} mounts ${m.source ?? ''} of the Docker host at ${m.target}`,
              action: w.nodeAgent
                ? `a node agent (${w.nodeAgent}): a DaemonSet with a hostPath of each node, in a namespace that admits it`
                : 'left out: give it what it read there from a ConfigMap, a Secret or a volume',
              at: ['volumes', i],
            },
          ]
        : [],
    );
  },
};
