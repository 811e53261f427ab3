/** Where a service listens, and whether its image's known readiness check applies there. */
import type { Service } from '../compose/types.js';
import type { ImageKnowledge } from '../knowledge/index.js';
import type { DockerfileFacts } from './dockerfile.js';
import type { LabelRoute } from './proxy-labels.js';
import type { Edge, Workload, WorkloadPort } from './types.js';

/** Ports the service listens on: declared, then its Dockerfile's EXPOSE, what others connect to, its health check, and the catalog. */
export function ports(
  svc: Service,
  knowledge: ImageKnowledge | undefined,
  incoming: readonly Edge[],
  dockerfile: DockerfileFacts | undefined,
  routes: readonly LabelRoute[],
): WorkloadPort[] {
  const out: WorkloadPort[] = [];
  const has = (port: number, protocol = 'tcp') => out.some((p) => p.port === port && p.protocol === protocol);
  for (const p of svc.ports) {
    if (has(p.target, p.protocol)) continue;
    out.push({
      port: p.target,
      protocol: p.protocol as WorkloadPort['protocol'],
      ...(p.published ? { published: p.published } : {}),
      ...(p.host_ip ? { hostIp: p.host_ip } : {}),
      source: 'ports',
    });
  }
  for (const e of svc.expose) {
    const [num, proto] = e.split('/');
    const first = Number((num ?? '').split('-')[0]);
    if (Number.isFinite(first) && !has(first, proto ?? 'tcp'))
      out.push({ port: first, protocol: (proto ?? 'tcp') as WorkloadPort['protocol'], source: 'expose' });
  }
  for (const p of dockerfile?.expose ?? []) if (!has(p.port, p.protocol)) out.push({ ...p, source: 'dockerfile' });
  for (const r of routes) if (r.port && !has(r.port)) out.push({ port: r.port, protocol: 'tcp', source: 'labels' });
  for (const e of incoming)
    if (e.port && !has(e.port)) out.push({ port: e.port, protocol: 'tcp', source: 'reference' });
  const hcPort = svc.healthcheck?.test?.join(' ').match(/(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d{2,5})/)?.[1];
  if (hcPort && !has(Number(hcPort))) out.push({ port: Number(hcPort), protocol: 'tcp', source: 'healthcheck' });
  // A service that declares nothing may still say where it listens in its own environment; an
  // image of the catalog is taken at its known ports instead (its variables may mean other things).
  if (out.length === 0 && !knowledge) for (const p of environmentPorts(svc.environment)) if (!has(p.port)) out.push(p);
  if (out.length === 0 && knowledge)
    for (const p of knowledge.ports) out.push({ port: p, protocol: 'tcp', source: 'knowledge' });
  return bothProtocols(out);
}

/** Variables that hold the one port a server listens on, by a wide convention (Heroku, Spring, Express, Flask…). */
const PORT_VARIABLES = new Set(['PORT', 'HTTP_PORT', 'SERVER_PORT', 'LISTEN_PORT', 'APP_PORT']);
/** Variables that hold a list of ports to listen on (ASP.NET Core 8: `8080;8081`). */
const PORT_LIST_VARIABLES = new Set(['ASPNETCORE_HTTP_PORTS', 'ASPNETCORE_HTTPS_PORTS', 'HTTP_PORTS', 'HTTPS_PORTS']);
/**
 * An address whose host is a wildcard (`0.0.0.0:8000`, `http://+:8000`, `[::]:8080`, `*:80`) is
 * where the process itself listens: no client connects to a wildcard. A value that is only
 * `:8080` is Go's way of saying the same.
 */
const WILDCARD_ADDRESS = /(?:^|[\s,;/@=])(?:0\.0\.0\.0|\[::\]|\+|\*):(\d{1,5})(?!\d)/g;

/**
 * The TCP ports a service's environment says it listens on: a port variable of a wide convention
 * (PORT=8000, ASPNETCORE_HTTP_PORTS=8080), or an address on a wildcard host in any variable
 * (ASPNETCORE_URLS=http://+:8000, ADDRESS=0.0.0.0:8000, LISTEN=:8080). A client's address names a
 * host (`db:5432`, `localhost:6379`) and is never taken.
 */
export function environmentPorts(env: Readonly<Record<string, string | null>>): WorkloadPort[] {
  const out: WorkloadPort[] = [];
  const add = (value: string, variable: string) => {
    const port = Number(value);
    if (Number.isInteger(port) && port > 0 && port < 65536 && !out.some((p) => p.port === port))
      out.push({ port, protocol: 'tcp', source: 'environment', variable });
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === null) continue;
    const v = value.trim();
    if (PORT_VARIABLES.has(name) && /^\d{1,5}$/.test(v)) add(v, name);
    else if (PORT_LIST_VARIABLES.has(name) && /^\d{1,5}(?:\s*[;,]\s*\d{1,5})*$/.test(v))
      for (const p of v.split(/\s*[;,]\s*/)) add(p, name);
    else if (/^:\d{1,5}$/.test(v)) add(v.slice(1), name);
    else for (const m of v.matchAll(WILDCARD_ADDRESS)) add(m[1] ?? '', name);
  }
  return out;
}

/**
 * The image's readiness check where it applies: where the service listens as its image does by
 * default. A service moved off the image's main port (nginx given a configuration that listens on
 * 3100 instead of 80) would fail a check of the default port for ever, unready and restarted: it
 * gets no known check, and its probes fall back to a port it is known to listen on.
 */
export function knownReadiness(
  k: ImageKnowledge | undefined,
  listens: readonly WorkloadPort[],
  why: string | undefined,
): Pick<Workload, 'readiness' | 'knownCheck'> {
  const r = k?.readiness;
  if (!k || !r) return why ? { knownCheck: why } : {};
  const main = k.ports[0];
  const own = listens.filter((p) => p.source !== 'knowledge');
  if (r.kind === 'exec' || main === undefined || !own.length || own.some((p) => p.port === main))
    return { readiness: r, ...(why ? { knownCheck: why } : {}) };
  const moved = `${k.name} listens on ${own.map((p) => p.port).join(', ')} here, not on its usual ${main} (its configuration moved it), so the known check of port ${r.port} does not apply`;
  const tcp = own.find((p) => p.protocol === 'tcp');
  return tcp
    ? {
        readiness: { kind: 'tcp', port: tcp.port },
        knownCheck: `${moved}: probes check that ${tcp.port} accepts connections`,
      }
    : { knownCheck: moved };
}

/**
 * A port published for TCP and UDP alike serves one protocol over both (DNS, STUN, a game server,
 * a DNS-over-HTTPS proxy's plain DNS side): not HTTP, whose only UDP form is QUIC on 443.
 */
function bothProtocols(ports: WorkloadPort[]): WorkloadPort[] {
  const on = (protocol: WorkloadPort['protocol']) =>
    new Set(ports.filter((p) => p.protocol === protocol && p.published).map((p) => p.port));
  const [tcp, udp] = [on('tcp'), on('udp')];
  return ports.map((p) =>
    p.port !== 443 && p.published && tcp.has(p.port) && udp.has(p.port) && p.protocol !== 'sctp'
      ? { ...p, speaks: 'TCP and UDP' }
      : p,
  );
}
