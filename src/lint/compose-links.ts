import type { AppModel } from '../model/types.js';

/** One way a Compose service reaches another by name, as the connectivity rule checks it. */
export interface ComposeLink {
  readonly from: string;
  readonly to: string;
  /** The DNS name used. */
  readonly host: string;
  readonly port?: number;
  /** Where the reference is: `depends_on`, `links`, the variable or the command word. */
  readonly why: string;
  /** file:line of the reference in the Compose file. */
  readonly where?: string;
}

/** What the Compose project says reaches what (`lint --compose`). */
export interface ComposeLinks {
  readonly file: string;
  /** The ports each service listens on (declared, exposed, known for its image, or its health check's). */
  readonly ports: ReadonlyMap<string, readonly number[]>;
  readonly links: readonly ComposeLink[];
}

/**
 * The links the manifests must carry: every edge of the model that goes through DNS (not
 * network_mode), to a service that keeps running (a one-shot job has nothing to connect to).
 */
export function composeLinks(model: AppModel, file: string): ComposeLinks {
  const byName = new Map(model.workloads.map((w) => [w.name, w]));
  const links: ComposeLink[] = [];
  const seen = new Set<string>();
  for (const e of model.edges) {
    const target = byName.get(e.to);
    if (!e.host || !target || target.oneShot || target.sidecarOf || e.kind === 'network_mode') continue;
    if (e.kind === 'depends_on' && e.condition === 'service_completed_successfully') continue;
    const key = `${e.from}>${e.host}>${e.port ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({
      from: e.from,
      to: e.to,
      host: e.host,
      ...(e.port !== undefined ? { port: e.port } : {}),
      why: e.kind === 'environment' || e.kind === 'command' || e.kind === 'config' ? (e.via ?? e.kind) : e.kind,
      // A configuration file's line is its `why` already (`./config/nginx.conf:3`).
      ...(e.origin && e.kind !== 'config' ? { where: `${e.origin.file}:${e.origin.line}` } : {}),
    });
  }
  return { file, ports: new Map(model.workloads.map((w) => [w.name, w.ports.map((p) => p.port)])), links };
}
