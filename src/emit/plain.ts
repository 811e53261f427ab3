import type { Conversion } from '../transform/index.js';
import { dnsLabel } from '../transform/names.js';
import { dumpYaml, toYamlDocument } from './yaml.js';

export const SECRETS_FILE = 'secrets.yaml';

/**
 * The manifests as files: one folder per service, project-wide objects at the top, every Secret in
 * one git-ignored file, and a kustomization.yaml listing it all so `kubectl apply -k` works.
 */
export function planFiles(c: Conversion, summary: string): Map<string, string> {
  const files = new Map<string, string>();
  const secrets: string[] = [];
  const seen = new Map<string, number>();
  for (const e of c.objects) {
    const text = toYamlDocument(e, c.namespace);
    if (e.secret) {
      secrets.push(text);
      continue;
    }
    const dir = e.service ? `${dnsLabel(e.service)}/` : '';
    let file = `${dir}${e.file}.yaml`;
    const n = seen.get(file) ?? 0;
    seen.set(file, n + 1);
    if (n) file = `${dir}${e.file}-${n + 1}.yaml`;
    files.set(file, text);
  }
  if (secrets.length)
    files.set(
      SECRETS_FILE,
      '# Secret values. Keep this file out of Git (see .gitignore); in production deliver\n# them from a secret manager instead.\n' +
        secrets.map((s) => `---\n${s}`).join(''),
    );
  const resources = [...files.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  files.set(
    'kustomization.yaml',
    `# kubectl apply -k .  (or kubectl kustomize . to see everything at once)\n${dumpYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: c.namespace, resources })}`,
  );
  files.set('.gitignore', `${SECRETS_FILE}\n`);
  files.set('NOTES.md', summary);
  return files;
}

function rank(file: string): number {
  if (file === 'namespace.yaml') return 0;
  if (file === SECRETS_FILE) return 1;
  return file.includes('/') ? 3 : 2;
}

/** Every object in one multi-document stream, Secrets included (for `kubectl apply -f -`). */
export function toStream(c: Conversion): string {
  const order = (kind: string) => (kind === 'Namespace' ? 0 : 1);
  const objs = [...c.objects].sort(
    (a, b) =>
      order((a.object as unknown as { kind: string }).kind) - order((b.object as unknown as { kind: string }).kind),
  );
  return objs.map((e) => `---\n${toYamlDocument(e, c.namespace)}`).join('');
}
