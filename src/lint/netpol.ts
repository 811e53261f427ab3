import type { LintContext } from './context.js';
import { sameNamespace } from './context.js';
import type { Manifest } from './types.js';
import { arr, get, obj, selects, text, type Workload } from './workloads.js';

export type Direction = 'Ingress' | 'Egress';

/** The directions a NetworkPolicy restricts: policyTypes, or Ingress (plus Egress when it has egress rules). */
export function policyTypes(m: Manifest): Direction[] {
  const types = arr(get(m.object, ['spec', 'policyTypes'])).map(String);
  if (types.length) return types.filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  return get(m.object, ['spec', 'egress']) !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policies that select a workload's pods and restrict this direction. */
export function policiesOn(ctx: LintContext, w: Workload, dir: Direction): Manifest[] {
  return ctx
    .near('NetworkPolicy', w.object)
    .filter(
      (m) =>
        sameNamespace(m.object, w.object) &&
        selects(get(m.object, ['spec', 'podSelector']), w.labels) &&
        policyTypes(m).includes(dir),
    );
}

/** Whether a peer list (from/to) admits a workload's pods; an absent or empty list admits everything. */
export function peersAdmit(peers: unknown, target: Workload | 'anywhere', policy: Manifest): boolean {
  const list = arr(peers);
  if (!list.length) return true;
  return list.some((p) => {
    const peer = obj(p);
    if (target === 'anywhere') return peer.ipBlock !== undefined && get(peer, ['ipBlock', 'cidr']) === '0.0.0.0/0';
    if (peer.podSelector === undefined && peer.namespaceSelector === undefined) return false;
    const podOk = peer.podSelector === undefined || selects(peer.podSelector, target.labels);
    const nsSel = peer.namespaceSelector;
    const nsOk =
      nsSel === undefined
        ? sameNamespace(policy.object, target.object)
        : selects(nsSel, { 'kubernetes.io/metadata.name': target.namespace ?? policy.object.metadata.namespace ?? '' });
    return podOk && nsOk;
  });
}

/** Whether a port list admits this port (number, or a name that the target declares under that number). */
export function portsAdmit(
  ports: unknown,
  port: number | undefined,
  protocol = 'TCP',
  names: ReadonlyMap<string, number> = new Map(),
): boolean {
  const list = arr(ports);
  if (!list.length || port === undefined) return true;
  return list.some((p) => {
    const o = obj(p);
    if ((o.protocol === undefined ? 'TCP' : text(o.protocol)) !== protocol) return false;
    if (o.port === undefined) return true;
    const start =
      typeof o.port === 'number' ? o.port : /^\d+$/.test(text(o.port)) ? Number(o.port) : names.get(text(o.port));
    if (start === undefined) return false;
    const end = typeof o.endPort === 'number' ? o.endPort : start;
    return port >= start && port <= end;
  });
}

/**
 * Whether traffic from one workload's pods to another's on a port gets through every NetworkPolicy on
 * the path: the target's ingress policies and the source's egress policies (each side: no policy, or
 * one rule of one policy that admits it).
 */
export function trafficAllowed(
  ctx: LintContext,
  from: Workload,
  to: Workload,
  port: number | undefined,
  names: ReadonlyMap<string, number>,
): { ok: boolean; blockedBy?: Manifest; side?: Direction } {
  for (const side of ['Ingress', 'Egress'] as const) {
    // Ingress is decided by the policies on the target, egress by those on the source.
    const [own, peer] = side === 'Ingress' ? [to, from] : [from, to];
    const key = side === 'Ingress' ? 'ingress' : 'egress';
    const policies = policiesOn(ctx, own, side);
    const admitted = policies.some((m) =>
      arr(get(m.object, ['spec', key])).some(
        (r) =>
          peersAdmit(obj(r)[side === 'Ingress' ? 'from' : 'to'], peer, m) &&
          portsAdmit(obj(r).ports, port, 'TCP', names),
      ),
    );
    if (policies.length && !admitted) return { ok: false, blockedBy: policies[0], side };
  }
  return { ok: true };
}
