import { buildPlan, type MigrationPlan } from '../migrate/plan.js';
import type { AppModel } from '../model/types.js';
import type { Conversion } from '../transform/index.js';
import { ENVIRONMENTS } from './environments.js';
import { formInput, type EmitOptions, type Emitter, type Form, type FormInput } from './form.js';
import { gitopsFiles } from './gitops.js';
import { helmEmitter, SECRET_VALUES_FILE } from './helm/index.js';
import { SECRETS_FILE } from './secrets.js';
import { kustomizeEmitter } from './kustomize/index.js';
import { plainEmitter } from './plain/index.js';
import { skaffoldFiles } from './skaffold.js';
import { runbook } from './runbook/index.js';
import { conversionSummary } from './summary.js';

export const EMITTERS: Readonly<Record<Form, Emitter>> = {
  kustomize: kustomizeEmitter,
  helm: helmEmitter,
  plain: plainEmitter,
};

/**
 * Every file `convert -o` writes for the chosen form: the manifests, NOTES.md with the deploy commands
 * per environment, and, when asked, GitOps wiring and a Skaffold loop.
 */
export function planFiles(c: Conversion, model: AppModel, options: EmitOptions = {}): Map<string, string> {
  const input = formInput(c, model, options);
  const emitter = EMITTERS[options.form ?? 'kustomize'];
  const files = emitter.files(input);
  if (options.gitops) for (const [name, text] of gitopsFiles(input)) files.set(name, text);
  if (options.skaffold) for (const [name, text] of skaffoldFiles(input)) files.set(name, text);
  const secretsFile = emitter.form === 'helm' ? SECRET_VALUES_FILE : SECRETS_FILE;
  // The data moves, once: NOTES.md points at them, the runbook runs them.
  const plan = buildPlan(model, c.project, c.namespace);
  files.set('NOTES.md', conversionSummary(c, model, deploySection(input, emitter, plan), secretsFile));
  files.set('RUNBOOK.md', runbook({ input, emitter, composeFiles: composeFilesOf(model, options), plan }));
  return files;
}

function deploySection(input: FormInput, emitter: Emitter, plan: MigrationPlan): string[] {
  const lines = ['## Deploy', ''];
  const moves = plan.steps;
  if (moves.length)
    lines.push(
      `These commands apply everything at once: for a first install with no data to bring. To move the running Compose stack, follow RUNBOOK.md instead: it applies the data services first, copies and verifies the data of ${[...new Set(moves.map((m) => (m.what ? `${m.what}${m.stop.length ? ` (${m.stop.join(', ')})` : ''}` : m.service)))].join(', ')} with \`stevedore migrate\`, then runs the jobs and starts the apps (applied at once, they would start on empty databases, and the copy refuses a target that holds data).`,
      '',
    );
  for (const env of ENVIRONMENTS) {
    lines.push(
      `${env === 'prod' ? 'Production' : 'Development'}:`,
      '',
      '```sh',
      ...emitter.deploy(input, env),
      '```',
      '',
    );
  }
  if (input.options.gitops)
    lines.push(
      `With ${input.options.gitops.tool === 'flux' ? 'Flux' : 'Argo CD'}: commit this folder to ${input.options.gitops.repo}, create the Secrets in the cluster, then \`kubectl apply -f ${(input.options.outDir ?? 'k8s').replace(/\/+$/, '')}/gitops/<env>/\`.`,
      '',
    );
  if (input.options.skaffold)
    lines.push('Development loop: `kind create cluster --config kind.yaml`, then `skaffold dev` in this folder.', '');
  return lines;
}

/** The Compose files as given, or the name of the file the services came from. */
function composeFilesOf(model: AppModel, options: EmitOptions): readonly string[] {
  if (options.composeFiles?.length) return options.composeFiles;
  const file = model.workloads.find((w) => w.origin?.file)?.origin?.file;
  return [file ? (file.split(/[\\/]/).pop() ?? 'compose.yaml') : 'compose.yaml'];
}
