import { hitAt, perContainer, quote } from '../rule-kit.js';
import { containerPorts, probePort } from '../ports.js';
import type { LintRule } from '../types.js';

const rule: LintRule = {
  id: 'liveness-port',
  severity: 'error',
  covers: ['kube-linter:liveness-port'],
  description:
    'A liveness probe checks a port the container does not declare: by name it always fails, by number it is likely a mistake.',
  hint: 'Probe one of the container ports, by its number or its name, and declare that port.',
  check: (ctx) =>
    perContainer(ctx, (w, c) => {
      if (c.init) return undefined;
      const port = probePort(c.spec.livenessProbe);
      if (port === undefined) return undefined;
      const ports = containerPorts(c);
      if (ports.some((p) => p.name === port || p.port === port)) return undefined;
      const named = typeof port === 'string';
      return [
        hitAt(
          w,
          [...c.path, 'livenessProbe'],
          named
            ? `the liveness probe of container ${quote(c.name)} uses the port name ${quote(port)}, which the container does not declare: the probe always fails`
            : `the liveness probe of container ${quote(c.name)} checks port ${port}, which the container does not declare`,
          named ? {} : { severity: 'warning' },
        ),
      ];
    }),
};
export default rule;
