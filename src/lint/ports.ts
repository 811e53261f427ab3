import { hitAt, perContainer, quote } from './rule-kit.js';
import type { LintRule } from './types.js';
import { arr, get, obj, str, type Container, type Path } from './workloads.js';

export interface ContainerPort {
  readonly port: number;
  readonly name?: string;
  readonly protocol: string;
  readonly hostPort?: number;
  readonly path: Path;
}

export function containerPorts(c: Container): ContainerPort[] {
  return arr(c.spec.ports).flatMap((p, i) => {
    const o = obj(p);
    if (typeof o.containerPort !== 'number') return [];
    return [
      {
        port: o.containerPort,
        ...(str(o.name) ? { name: str(o.name) } : {}),
        protocol: str(o.protocol) ?? 'TCP',
        ...(typeof o.hostPort === 'number' && o.hostPort > 0 ? { hostPort: o.hostPort } : {}),
        path: [...c.path, 'ports', i],
      },
    ];
  });
}

/** The port a probe uses (httpGet, tcpSocket or grpc), as written: a number or a port name. */
export function probePort(probe: unknown): number | string | undefined {
  for (const k of ['httpGet', 'tcpSocket', 'grpc']) {
    const port = get(probe, [k, 'port']);
    if (typeof port === 'number' || typeof port === 'string') return /^\d+$/.test(String(port)) ? Number(port) : port;
  }
  return undefined;
}

/**
 * A port name as Kubernetes requires it (an IANA service name): at most 15 characters, lower-case
 * letters, digits and '-', at least one letter, no '-' at either end and no '--'.
 */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'is longer than 15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'may only hold lower-case letters, digits and -';
  if (!/[a-z]/.test(name)) return 'must hold at least one letter';
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--'))
    return 'may not start or end with - or hold --';
  return undefined;
}

/** kube-linter's liveness-port, readiness-port and startup-port: the probe checks a port the container declares. */
export function probePortRule(probe: 'liveness' | 'readiness' | 'startup'): LintRule {
  const field = `${probe}Probe`;
  return {
    id: `${probe}-port`,
    severity: 'error',
    covers: [`kube-linter:${probe}-port`],
    description: `A ${probe} probe checks a port the container does not declare: by name it always fails, by number it is likely a mistake.`,
    hint: 'Probe one of the container ports, by its number or its name, and declare that port.',
    check: (ctx) =>
      perContainer(ctx, (w, c) => {
        if (c.init) return undefined;
        const port = probePort(c.spec[field]);
        if (port === undefined) return undefined;
        if (containerPorts(c).some((p) => p.name === port || p.port === port)) return undefined;
        const named = typeof port === 'string';
        return [
          hitAt(
            w,
            [...c.path, field],
            named
              ? `the ${probe} probe of container ${quote(c.name)} uses the port name ${quote(port)}, which the container does not declare: the probe always fails`
              : `the ${probe} probe of container ${quote(c.name)} checks port ${port}, which the container does not declare`,
            named ? {} : { severity: 'warning' },
          ),
        ];
      }),
  };
}
