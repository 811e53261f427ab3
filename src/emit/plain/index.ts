import { ENVIRONMENTS, LAYERS, type Environment, type Rendered } from '../environments.js';
import { createNamespace, outDir, type Emitter, type FormInput } from '../form.js';
import { secretsFiles, SECRETS_FILE } from '../secrets.js';
import { commentedYaml } from '../yaml.js';

/** One multi-document file per environment (`prod.yaml`, `dev.yaml`), for `kubectl apply -f`. */
export const plainEmitter: Emitter = {
  form: 'plain',
  files(input) {
    const files = new Map<string, string>();
    for (const env of ENVIRONMENTS) files.set(`${env}.yaml`, stream(input, env));
    for (const [name, text] of secretsFiles(input)) files.set(name, text);
    return files;
  },
  deploy(input, env) {
    const out = outDir(input);
    return [
      ...(input.secrets.length ? [...createNamespace(input), `kubectl apply -f ${out}/${SECRETS_FILE}`] : []),
      `kubectl apply -f ${out}/${env}.yaml`,
    ];
  },
};

/** Layer order (the Namespace first, data services, jobs, apps), each object with its explanation. */
function stream(input: FormInput, env: Environment): string {
  const rank = (r: Rendered) => (r.json.kind === 'Namespace' ? -1 : LAYERS.indexOf(r.layer));
  const objects = [...input.envs[env]].sort((a, b) => rank(a) - rank(b));
  const head = `# ${input.model.project}, ${env}: kubectl apply -f ${env}.yaml (after ${SECRETS_FILE}).\n`;
  return head + objects.map((r) => `---\n${commentedYaml(r.emitted.comments, r.json)}`).join('');
}
