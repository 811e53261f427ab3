import { knowledgeById } from '../knowledge/index.js';
import type { Edge, Workload } from '../model/types.js';

/** One Kubernetes object a service will become, and why. The convert stage should build exactly these. */
export interface PlannedObject {
  readonly kind: string;
  readonly name: string;
  readonly why: string;
  /** Where it goes when not the application's namespace (pods that need more than Pod Security baseline). */
  readonly namespace?: string;
}

/** An object convert made for a service, as the report lists it. */
export interface ConvertedObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The explanation written above it. */
  readonly comments: readonly string[];
}

/**
 * The objects convert really made for a service, each with the plan's reason where the plan has
 * that object, else the first sentence of the comment convert wrote above it; the plan as it is when
 * convert made nothing of the service's own (a sidecar, a job run as an init container).
 */
export function mappedObjects(
  planned: readonly PlannedObject[],
  converted: readonly ConvertedObject[],
  mainNamespace: string,
): PlannedObject[] {
  if (!converted.length) return [...planned];
  return converted.map((o) => {
    const why =
      planned.find((p) => p.kind === o.kind && p.name === o.name)?.why ?? firstSentence(o.comments.join(' ')) ?? '';
    return {
      kind: o.kind,
      name: o.name,
      why,
      ...(o.namespace && o.namespace !== mainNamespace ? { namespace: o.namespace } : {}),
    };
  });
}

/**
 * A conversion's objects by service, as {@link buildAnalysis} takes them (Secrets named, never their
 * values). Structural, so that the report does not depend on the converter.
 */
export function convertedByService(conversion: {
  readonly namespace: string;
  readonly objects: readonly {
    readonly service?: string;
    readonly namespace?: string;
    readonly object: unknown;
    readonly comments: readonly string[];
  }[];
}): { namespace: string; objects: Map<string, ConvertedObject[]> } {
  const objects = new Map<string, ConvertedObject[]>();
  for (const e of conversion.objects) {
    if (!e.service) continue;
    const o = e.object as { kind?: string; metadata?: { name?: string } };
    const list = objects.get(e.service) ?? [];
    list.push({
      kind: o.kind ?? '',
      name: o.metadata?.name ?? '',
      ...(e.namespace ? { namespace: e.namespace } : {}),
      comments: e.comments,
    });
    objects.set(e.service, list);
  }
  return { namespace: conversion.namespace, objects };
}

function firstSentence(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  const end = /[.:](\s|$)/.exec(t);
  return (end ? t.slice(0, end.index) : t).slice(0, 160);
}

/**
 * The Kubernetes objects each service maps to. Kept free of Kubernetes types: it is the plan the
 * report explains, stated in kinds and names.
 */
export function planService(w: Workload, incoming: readonly Edge[]): PlannedObject[] {
  const out: PlannedObject[] = [];
  const k = w.knowledge ? knowledgeById(w.knowledge) : undefined;
  if (w.sidecarOf) {
    out.push({
      kind: 'Container',
      name: `${w.sidecarOf}/${w.name}`,
      why: `shares ${w.sidecarOf}'s network namespace, so it runs as a second container in ${w.sidecarOf}'s pod`,
    });
    return out;
  }
  if (w.oneShot) {
    const waiters = incoming.filter((e) => e.condition === 'service_completed_successfully').map((e) => e.from);
    out.push({
      kind: 'Job',
      name: w.name,
      why: waiters.length
        ? `runs to completion; ${waiters.join(', ')} wait${waiters.length === 1 ? 's' : ''} for it with an init container`
        : `runs once (${w.roleReason})`,
    });
  } else if (w.global) {
    out.push({ kind: 'DaemonSet', name: w.name, why: 'deploy.mode global: one pod on every node' });
  } else if (w.stateful) {
    const sizes = w.storage.filter((m) => m.kind === 'data').map((m) => `${m.volume} → ${k?.volumeSize ?? '10Gi'}`);
    out.push({
      kind: 'StatefulSet',
      name: w.name,
      why: `keeps data${sizes.length ? ` (${sizes.join(', ')})` : ''}: stable identity and one volume per replica`,
    });
    out.push({
      kind: 'Service',
      name: `${w.name}-headless`,
      why: 'headless Service that gives each StatefulSet pod its DNS name',
    });
  } else {
    out.push({
      kind: 'Deployment',
      name: w.name,
      why: `stateless ${w.role}, ${w.replicas} replica${w.replicas === 1 ? '' : 's'}`,
    });
  }
  if (w.ports.length && !w.oneShot) {
    const ports = w.ports.map((p) => p.port).join(', ');
    out.push({
      kind: 'Service',
      name: w.name,
      why: `ClusterIP on ${ports}${serviceWhy(w.ports)}`,
    });
  }
  if (w.exposure === 'entry') out.push({ kind: 'Ingress', name: w.name, why: 'the way in from outside' });
  const sensitive = w.environment.filter((e) => e.sensitive).length;
  const plain = w.environment.length - sensitive;
  if (plain)
    out.push({
      kind: 'ConfigMap',
      name: `${w.name}-env`,
      why: `${plain} non-sensitive setting${plain === 1 ? '' : 's'}`,
    });
  if (sensitive || w.fileSecrets.length)
    out.push({
      kind: 'Secret',
      name: `${w.name}-env`,
      why: `${sensitive + w.fileSecrets.length} sensitive value${sensitive + w.fileSecrets.length === 1 ? '' : 's'}`,
    });
  const configFiles = w.storage.filter((m) => m.kind === 'config').length + w.fileConfigs.length;
  if (configFiles)
    out.push({
      kind: 'ConfigMap',
      name: `${w.name}-files`,
      why: `${configFiles} mounted configuration file${configFiles === 1 ? '' : 's'}`,
    });
  if (w.replicas >= 2 && !w.oneShot)
    out.push({
      kind: 'PodDisruptionBudget',
      name: w.name,
      why: `${w.replicas} replicas: keep at least one running during node drains`,
    });
  if (w.stateful && k?.backup && (w.role === 'database' || k.migration !== 'none'))
    out.push({ kind: 'CronJob', name: `${w.name}-backup`, why: `daily ${k.backup}, last 7 kept` });
  if (!w.oneShot) {
    const from = ingressSources(w, incoming);
    out.push({
      kind: 'NetworkPolicy',
      name: w.name,
      why: from ? `only ${from} may connect` : 'no other service connects to it: all ingress denied',
    });
  }
  return out;
}

function ingressSources(w: Workload, incoming: readonly Edge[]): string {
  const parts = [...new Set(incoming.map((e) => e.from))];
  if (w.exposure === 'entry') parts.unshift('the ingress controller');
  return parts.join(', ');
}

/** Where a Service's ports come from, when not from the Compose file's ports and expose. */
function serviceWhy(ports: Workload['ports']): string {
  const env = ports.filter((p) => p.source === 'environment');
  if (env.length === ports.length)
    return ` (no ports in the Compose file; its environment says where it listens: ${[...new Set(env.map((p) => p.variable))].join(', ')})`;
  return ports.every((p) => p.source === 'knowledge' || p.source === 'reference')
    ? ' (no ports in the Compose file, but others reach it by name)'
    : '';
}
