import type { ComposeProject } from '../compose/types.js';
import { originOf, pointer } from '../compose/types.js';
import path from 'node:path';
import { configLines, type ConfigText, type ServiceConfig } from './config-refs.js';
import type { Edge } from './types.js';

/** Every name another service can use to reach a service: its name, hostname, container_name, network aliases, fixed addresses. */
export function hostNames(project: ComposeProject): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, svc] of Object.entries(project.services)) {
    names.set(name, name);
    if (svc.hostname) names.set(svc.hostname, name);
    if (svc.container_name) names.set(svc.container_name, name);
    for (const net of Object.values(svc.networks ?? {})) {
      for (const a of net?.aliases ?? []) names.set(a, name);
      // A fixed address reaches the service as its name does (http://172.20.0.5:8080).
      for (const ip of [net?.ipv4_address, net?.ipv6_address]) if (ip) names.set(ip, name);
    }
  }
  return names;
}

interface Reference {
  readonly to: string;
  /** The name used to reach it (the service name, an alias, a hostname). */
  readonly host: string;
  readonly port?: number;
}

/**
 * Service names found in a value: URL hosts (`postgres://u:p@db:5432/x`), `host:port` pairs,
 * `--flag=host:port`, or the whole value (`DB_HOST=postgres`).
 */
const HOST_VARIABLE =
  /(HOST|HOSTS|HOSTNAME|SERVER|SERVERS|ADDR|ADDRESS|ENDPOINT|BROKER|BROKERS|NODE|NODES|PEER|PEERS|URL|URI|UPSTREAM|BACKEND|SERVICE|TARGET|TARGETS|NAMES)$/i;

/** Whether a setting's name says its value is a host (DB_HOST, REDIS_SERVER, server.host, targets). */
export const isHostKey = (key: string): boolean => HOST_VARIABLE.test(key.replace(/_?\d+$/, ''));

/**
 * `variable` is the environment variable holding the value: a bare value (`postgres`) counts as a
 * host name only in a variable named like one (DB_HOST, REDIS_SERVER) — a database named like
 * a service is not a reference to it.
 */
export function findReferences(value: string, names: Map<string, string>, variable?: string): Reference[] {
  const out: Reference[] = [];
  const add = (host: string, port?: string) => {
    const to = names.get(host);
    if (to) out.push({ to, host, ...(port ? { port: Number(port) } : {}) });
  };
  const whole = value.trim();
  if (variable && isHostKey(variable) && names.has(whole)) add(whole);
  for (const m of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/(?:[^\s@/]*@)?([A-Za-z0-9._-]+)(?::(\d+))?/gi))
    add(m[1] ?? '', m[2]);
  for (const m of value.matchAll(/(?:^|[\s,;=(["'])([A-Za-z0-9][A-Za-z0-9._-]*):(\d{2,5})(?![\d.])/g))
    add(m[1] ?? '', m[2]);
  for (const m of value.matchAll(/(?:^|\s)(?:-h\s*|--host[= ])([A-Za-z0-9._-]+)/g)) add(m[1] ?? '');
  return out;
}

/**
 * The dependency graph: depends_on, links, network_mode, and names found in environment, commands
 * and the configuration files each service reads (`configs`: by service, as {@link serviceConfig} found them).
 */
export function buildEdges(project: ComposeProject, configs?: ReadonlyMap<string, ServiceConfig>): Edge[] {
  const names = hostNames(project);
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const push = (e: Edge) => {
    if (e.from === e.to) return;
    // A file naming a service on many lines is one connection per port.
    const key =
      e.kind === 'config'
        ? `${e.from}>${e.to}>config>${e.origin?.file ?? ''}>${e.port ?? ''}`
        : `${e.from}>${e.to}>${e.kind}>${e.via ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(e);
  };
  for (const [name, svc] of Object.entries(project.services)) {
    const at = (...seg: (string | number)[]) => originOf(project, pointer('services', name, ...seg));
    for (const [dep, d] of Object.entries(svc.depends_on)) {
      if (project.services[dep])
        push({
          from: name,
          to: dep,
          host: dep,
          kind: 'depends_on',
          condition: d.condition,
          origin: at('depends_on', dep),
        });
    }
    (svc.links ?? []).forEach((l, i) => {
      const [target = l, alias] = l.split(':');
      const to = names.get(target);
      if (to) push({ from: name, to, host: alias ?? target, kind: 'link', origin: at('links', i) });
    });
    if (svc.network_mode?.startsWith('service:')) {
      const to = svc.network_mode.slice(8);
      if (project.services[to]) push({ from: name, to, kind: 'network_mode', origin: at('network_mode') });
    }
    for (const [k, v] of Object.entries(svc.environment)) {
      if (v === null) continue;
      for (const r of findReferences(v, names, k))
        push({
          from: name,
          to: r.to,
          host: r.host,
          kind: 'environment',
          via: k,
          ...(r.port ? { port: r.port } : {}),
          origin: at('environment', k),
        });
    }
    for (const field of ['command', 'entrypoint'] as const) {
      const words = svc[field] ?? [];
      words.forEach((w) => {
        for (const r of findReferences(w, names))
          push({
            from: name,
            to: r.to,
            host: r.host,
            kind: 'command',
            via: w.length > 60 ? `${w.slice(0, 57)}...` : w,
            ...(r.port ? { port: r.port } : {}),
            origin: at(field),
          });
      });
    }
    for (const c of configs?.get(name)?.files ?? []) configEdges(project, name, c, names, push);
  }
  return edges.sort((a, b) =>
    a.from === b.from
      ? a.to === b.to
        ? a.kind.localeCompare(b.kind)
        : a.to.localeCompare(b.to)
      : a.from.localeCompare(b.from),
  );
}

/** The services a configuration file of `from` names, each at its file and line. */
function configEdges(
  project: ComposeProject,
  from: string,
  c: ConfigText,
  names: Map<string, string>,
  push: (e: Edge) => void,
): void {
  const rel = path.relative(project.working_dir, c.file);
  const display = rel.startsWith('..') || path.isAbsolute(rel) ? c.file : `./${rel}`;
  for (const line of configLines(c))
    for (const r of findReferences(line.text, names, line.key))
      push({
        from,
        to: r.to,
        host: r.host,
        kind: 'config',
        via: `${display}:${line.origin.line}`,
        ...(r.port ? { port: r.port } : {}),
        origin: line.origin,
      });
}

export interface EdgeIndex {
  readonly from: ReadonlyMap<string, readonly Edge[]>;
  readonly to: ReadonlyMap<string, readonly Edge[]>;
}

/** Edges by the service they leave and the service they reach, built once. */
export function indexEdges(edges: readonly Edge[]): EdgeIndex {
  const from = new Map<string, Edge[]>();
  const to = new Map<string, Edge[]>();
  for (const e of edges) {
    let f = from.get(e.from);
    if (!f) from.set(e.from, (f = []));
    f.push(e);
    let t = to.get(e.to);
    if (!t) to.set(e.to, (t = []));
    t.push(e);
  }
  return { from, to };
}
