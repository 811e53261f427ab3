import type { ComposeProject } from '../compose/types.js';
import { error, type Result } from '../diagnostics/diagnostic.js';
import { duplicateObjects, nameCollisions } from './collisions.js';
import { dnsLabel } from './names.js';
import { nodeFs, type FileSystem } from '../io/fs.js';
import type { AppModel } from '../model/types.js';
import { ConvertContext, type ConvertOptions, type Emitted, type NotCarried, type Pass } from './context.js';
import { keysPass } from './keys.js';
import { assemblePass } from './passes/assemble.js';
import { crossNamespacePass, namespacePass } from './passes/namespaces.js';
import { backupPass } from './passes/backup.js';
import { commandSecretsPass } from './passes/command-secrets.js';
import { configSecretsPass } from './passes/config-secrets.js';
import { networkPolicyPass } from './passes/network-policy.js';
import { probesPass } from './passes/probes.js';
import { resiliencePass } from './passes/resilience.js';
import { securityPass } from './passes/security.js';
import { routesPass } from './passes/routes.js';
import { ingressPass } from './passes/ingress.js';
import { servicesPass } from './passes/services.js';
import { storagePass } from './passes/storage.js';
import { waitForPass } from './passes/wait-for.js';
import { workloadsPass } from './passes/workloads.js';

export type { ConvertOptions, Emitted, NotCarried } from './context.js';

/** The passes, in order. Each reads the model and the pods built so far; assemble comes last. */
export const PASSES: readonly Pass[] = [
  keysPass,
  workloadsPass,
  configSecretsPass,
  storagePass,
  probesPass,
  waitForPass,
  commandSecretsPass,
  securityPass,
  servicesPass,
  ingressPass,
  routesPass,
  resiliencePass,
  backupPass,
  networkPolicyPass,
  namespacePass,
  assemblePass,
  crossNamespacePass,
];

export interface Conversion {
  /** The Compose project it was converted from (the runbook plans its data moves from it). */
  readonly project: ComposeProject;
  readonly namespace: string;
  /** The second namespace, for the pods that need more than Pod Security baseline, when some do and others not. */
  readonly privilegedNamespace?: string;
  readonly objects: readonly Emitted[];
  readonly notCarried: readonly NotCarried[];
  readonly todo: readonly string[];
}

/** Kubernetes objects for a loaded project and its model; every object validated. */
export function convert(
  model: AppModel,
  project: ComposeProject,
  options: ConvertOptions = {},
  fs: FileSystem = nodeFs,
): Result<Conversion> {
  const collisions = nameCollisions(model);
  if (collisions.length)
    return {
      value: { project, namespace: dnsLabel(options.namespace ?? project.name), objects: [], notCarried: [], todo: [] },
      diagnostics: collisions,
    };
  const ctx = new ConvertContext(model, project, options, fs);
  for (const pass of PASSES) pass.run(ctx);
  ctx.diagnostics.push(...duplicateObjects(ctx.objects, model));
  for (const e of ctx.objects) {
    try {
      e.object.validate();
    } catch (err) {
      const obj = e.object as unknown as { kind: string; metadata?: { name?: string } };
      ctx.diagnostics.push(
        error(
          'invalid-object',
          `generated ${obj.kind} ${obj.metadata?.name ?? ''} is not valid: ${(err as Error).message.split('\n')[0]}`,
          e.service ? model.workloads.find((w) => w.name === e.service)?.origin : undefined,
          'this is a bug in Stevedore: please report it with the Compose file',
        ),
      );
    }
  }
  return {
    value: {
      project,
      namespace: ctx.namespace,
      ...(ctx.namespaces.privileged ? { privilegedNamespace: ctx.namespaces.privileged } : {}),
      objects: ctx.objects,
      notCarried: ctx.notCarried,
      todo: [...new Set(ctx.todo)],
    },
    diagnostics: ctx.diagnostics,
  };
}
