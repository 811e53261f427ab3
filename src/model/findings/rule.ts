import path from 'node:path';
import type { ComposeProject, Service } from '../../compose/types.js';
import type { AppModel, FindingCode, FindingSeverity, Workload } from '../types.js';

/** What a finding rule reads: one workload, its service as written, and the project around it. */
export interface FindingContext {
  readonly model: AppModel;
  readonly project: ComposeProject;
  readonly workload: Workload;
  readonly service: Service;
  /** A path as the user wrote it: relative to the project folder when inside it. */
  shown(p: string | undefined): string;
}

/** One occurrence of a risk, before it is positioned and grouped. */
export interface Hit {
  readonly message: string;
  readonly action: string;
  /** Where in the service it comes from (a JSON pointer's segments below `services/<name>`). */
  readonly at?: readonly (string | number)[];
  /** Hits with the same group key across services collapse into one finding. */
  readonly group?: { readonly key: string; readonly summary: (count: number) => string };
}

/** A risk a migration must address: one module per rule, each with a valid/invalid test beside it. */
export interface FindingRule {
  readonly id: FindingCode;
  readonly severity: FindingSeverity;
  /** What the rule looks for and why it matters in Kubernetes. */
  readonly description: string;
  check(ctx: FindingContext): Hit[];
}

export function shownPath(project: ComposeProject, p: string | undefined): string {
  const rel = p ? path.relative(project.working_dir, p) : '';
  return p && rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `./${rel}` : (p ?? '');
}

/** Built from source with no image name a cluster could pull (none, or a local registry). */
export function builtWithoutPushableImage(w: Workload): boolean {
  return Boolean(
    w.build &&
    (!w.image || !w.image.registry || w.image.registry.startsWith('localhost') || w.image.registry.startsWith('127.')),
  );
}
