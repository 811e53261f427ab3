import { perContainer, quote, hitAt } from '../rule-kit.js';
import { containerPorts, portNameProblem } from '../ports.js';
import type { LintHit, LintRule } from '../types.js';
import { arr, get, obj } from '../workloads.js';

const rule: LintRule = {
  id: 'invalid-target-ports',
  severity: 'error',
  covers: ['kube-linter:invalid-target-ports', 'kube-score:container-ports-check'],
  description:
    'A container port name or a Service targetPort is not valid: a name must be an IANA service name (≤ 15 characters, a-z 0-9 -), a number 1–65535.',
  hint: 'Rename the port (for example http, metrics, tcp-5432) or use a number in range.',
  check(ctx) {
    const hits = perContainer(ctx, (w, c) =>
      containerPorts(c).flatMap((p) => {
        const problem = p.name === undefined ? undefined : portNameProblem(p.name);
        return problem
          ? [
              hitAt(
                w,
                [...p.path, 'name'],
                `the port name ${quote(p.name ?? '')} of container ${quote(c.name)} ${problem}`,
              ),
            ]
          : [];
      }),
    );
    for (const m of ctx.of('Service'))
      arr(get(m.object, ['spec', 'ports'])).forEach((p, i) => {
        const target = obj(p).targetPort;
        let problem: string | undefined;
        if (typeof target === 'number') problem = target < 1 || target > 65535 ? 'is out of range' : undefined;
        else if (typeof target === 'string' && !/^\d+$/.test(target)) problem = portNameProblem(target);
        if (problem)
          hits.push({
            at: m,
            path: ['spec', 'ports', i, 'targetPort'],
            message: `the targetPort ${quote(String(target))} ${problem}`,
          } satisfies LintHit);
      });
    return hits;
  },
};
export default rule;
