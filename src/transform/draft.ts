import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
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

export function addVolume(draft: PodDraft, volume: IVolume): void {
  if (!draft.volumes.some((v) => v.name === volume.name)) draft.volumes.push(volume);
}
