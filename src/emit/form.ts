import type { AppModel } from '../model/types.js';
import type { Conversion } from '../transform/index.js';
import { addSyncWaves, devVariant, renderObjects, type Environment, type Rendered } from './environments.js';

export const FORMS = ['kustomize', 'helm', 'plain'] as const;
export type Form = (typeof FORMS)[number];
export const GITOPS_TOOLS = ['flux', 'argocd'] as const;
export type GitopsTool = (typeof GITOPS_TOOLS)[number];

export interface GitopsOptions {
  readonly tool: GitopsTool;
  /** The Git repository that will hold the output, as the cluster clones it. */
  readonly repo: string;
  readonly branch?: string;
  /** Where the output lies inside that repository (default: its root). */
  readonly path?: string;
}

export interface EmitOptions {
  /** Kustomize base and overlays (default), a Helm chart, or one file per environment. */
  readonly form?: Form;
  readonly gitops?: GitopsOptions;
  /** Also write skaffold.yaml and a kind cluster config for the development loop. */
  readonly skaffold?: boolean;
  /** The folder the files go to, as the user named it (used in the commands NOTES.md prints). */
  readonly outDir?: string;
  /** The Compose files as the user names them, for the `stevedore` and `docker compose` commands of the runbook. */
  readonly composeFiles?: readonly string[];
}

/** What every form is written from: the objects once, and each environment's variant of them. */
export interface FormInput {
  readonly conversion: Conversion;
  readonly model: AppModel;
  readonly secrets: readonly Rendered[];
  readonly envs: Readonly<Record<Environment, readonly Rendered[]>>;
  readonly options: EmitOptions;
}

/** A form of output: its files, and the commands that deploy an environment from them. */
export interface Emitter {
  readonly form: Form;
  files(input: FormInput): Map<string, string>;
  /** Shell commands, run from the output folder's parent, that deploy `env` (Secrets first). */
  deploy(input: FormInput, env: Environment): string[];
}

export function formInput(c: Conversion, model: AppModel, options: EmitOptions): FormInput {
  const { objects, secrets } = renderObjects(c, model);
  if (options.gitops?.tool === 'argocd') addSyncWaves([...objects, ...secrets]);
  return { conversion: c, model, secrets, envs: { prod: objects, dev: devVariant(objects, model) }, options };
}

/** The output folder as commands name it. */
export function outDir(input: FormInput): string {
  return (input.options.outDir ?? 'k8s').replace(/\/+$/, '') || '.';
}

/**
 * Creates the namespaces if missing (so Secrets can go in before the manifests label them); a Helm
 * chart makes the second one itself (`mainOnly`).
 */
export function createNamespace(input: FormInput, mainOnly = false): string[] {
  const { namespace, privilegedNamespace } = input.conversion;
  return [namespace, ...(privilegedNamespace && !mainOnly ? [privilegedNamespace] : [])].map(
    (ns) => `kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -`,
  );
}
