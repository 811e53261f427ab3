import type { FormInput } from './form.js';
import { commentedYaml } from './yaml.js';

export const SECRETS_FILE = 'secrets.yaml';

/** The Secrets, in one git-ignored file beside the manifests (every form but Helm, which takes values). */
export function secretsFiles(input: FormInput): Map<string, string> {
  const files = new Map<string, string>();
  files.set('.gitignore', `${SECRETS_FILE}\n`);
  if (!input.secrets.length) return files;
  files.set(
    SECRETS_FILE,
    '# Secret values. Keep this file out of Git (see .gitignore); in production deliver\n# them from a secret manager instead. Apply it before the manifests:\n#   kubectl apply -f secrets.yaml\n' +
      input.secrets.map((s) => `---\n${commentedYaml(s.emitted.comments, s.json)}`).join(''),
  );
  return files;
}
