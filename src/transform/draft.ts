import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { Workload } from '../model/types.js';

export type DraftKind = 'Deployment' | 'StatefulSet' | 'Job' | 'DaemonSet';

/**
 * A pod being built: the passes fill it in (environment, volumes, probes, init containers,
 * security), and the assemble pass turns it into a typed workload object.
 */
export interface PodDraft {
  readonly workload: Workload;
  kind: DraftKind;
  /** Runs inside another service's pod: as a sidecar (`network_mode: service:`) or as an init step (a one-shot job only one service waits for). */
  hostedBy?: { readonly service: string; readonly as: 'sidecar' | 'init' };
  main: IContainer;
  initContainers: IContainer[];
  sidecars: IContainer[];
  volumes: IVolume[];
  claims: IPersistentVolumeClaim[];
  podSecurity: IPodSecurityContext;
  replicas: number;
  /** Explanations written above the workload object. */
  comments: string[];
  /** Annotations of the workload object (lint exemptions with their reasons). */
  annotations?: Record<string, string>;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  terminationGracePeriodSeconds?: number;
  restartPolicy?: 'OnFailure' | 'Never';
  backoffLimit?: number;
  shmSize?: number;
  hostAliases?: { ip: string; hostnames: string[] }[];
}

/** A claim template of a StatefulSet: one ReadWriteOnce claim of `size` per replica. */
export function addClaimTemplate(draft: PodDraft, name: string, size: string, storageClass?: string): void {
  draft.claims.push({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteOnce'],
      ...(storageClass ? { storageClassName: storageClass } : {}),
      resources: { requests: { storage: size } },
    },
  });
}

export function addVolume(draft: PodDraft, volume: IVolume): void {
  if (!draft.volumes.some((v) => v.name === volume.name)) draft.volumes.push(volume);
}

/** `Kind/name` of the ConfigMaps, Secrets and claims a pod spec names, sorted. */
export function podReferences(spec: IPodSpec): string[] {
  const refs = new Set<string>();
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) refs.add(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
      if (e.valueFrom?.secretKeyRef?.name) refs.add(`Secret/${e.valueFrom.secretKeyRef.name}`);
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef?.name) refs.add(`ConfigMap/${e.configMapRef.name}`);
      if (e.secretRef?.name) refs.add(`Secret/${e.secretRef.name}`);
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.configMap?.name) refs.add(`ConfigMap/${v.configMap.name}`);
    if (v.secret?.secretName) refs.add(`Secret/${v.secret.secretName}`);
    if (v.persistentVolumeClaim?.claimName) refs.add(`PersistentVolumeClaim/${v.persistentVolumeClaim.claimName}`);
  }
  return [...refs].sort();
}
