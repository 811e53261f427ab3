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
