import { envOf } from '../env.js';
import { hitAt, perContainer, quote } from '../rule-kit.js';
import type { LintRule } from '../types.js';
import { arr, obj } from '../workloads.js';

const rule: LintRule = {
  id: 'read-secret-from-env-var',
  severity: 'info',
  optIn: true,
  covers: ['kube-linter:read-secret-from-env-var'],
  description:
    'A container reads a Secret through environment variables (they leak into crash dumps and child processes).',
  hint: 'Mount the Secret as files where the program can read them (many images accept *_FILE variables).',
  check: (ctx) =>
    perContainer(ctx, (w, c) => [
      ...envOf(c)
        .filter((e) => e.valueFrom?.secretKeyRef !== undefined)
        .map((e) => hitAt(w, e.path, `container ${quote(c.name)} reads ${e.name} from a Secret`)),
      ...arr(c.spec.envFrom).flatMap((e, i) =>
        obj(e).secretRef !== undefined
          ? [
              hitAt(
                w,
                [...c.path, 'envFrom', i],
                `container ${quote(c.name)} reads a whole Secret into its environment`,
              ),
            ]
          : [],
      ),
    ]),
};
export default rule;
