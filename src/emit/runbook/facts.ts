import type { Workload } from '../../model/types.js';
import type { MigrationPlan } from '../../migrate/plan.js';
import type { Emitter, FormInput } from '../form.js';

/** Names of the forms as the runbook says them. */
export const FORM_NAMES = { kustomize: 'Kustomize overlays', helm: 'Helm chart', plain: 'plain manifests' } as const;

/** What a runbook is written from, besides the form. */
export interface RunbookFacts {
  readonly input: FormInput;
  readonly emitter: Emitter;
  /** The Compose file(s) as the user names them on the command line. */
  readonly composeFiles: readonly string[];
  /** The data moves, as `stevedore migrate plan` makes them for this stack. */
  readonly plan: MigrationPlan;
}

/** Shell lines as a fenced block. */
export const sh = (lines: readonly string[]) => ['```sh', ...lines, '```'];

/** The Compose files as `-f` flags, as the user named them. */
export function compose(f: RunbookFacts): string {
  return f.composeFiles.map((x) => `-f ${x}`).join(' ');
}

export function workloadOf(input: FormInput, service: string | undefined): Workload | undefined {
  return input.model.workloads.find((w) => w.name === service);
}
