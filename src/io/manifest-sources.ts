import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A text of manifests and the name findings in it are reported under. */
export interface ManifestSource {
  readonly file: string;
  readonly text: string;
}

export interface SourceError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export interface SourceOptions {
  /** Reads standard input, for the path `-`. */
  readonly stdin?: () => string;
  /** kubectl and helm binaries (default: `STEVEDORE_KUBECTL`/`STEVEDORE_HELM`, else from PATH). */
  readonly kubectl?: string;
  readonly helm?: string;
}

const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const MANIFEST = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/**
 * The manifests behind each path: a file as it is; `-` from stdin; a Kustomize folder rendered by
 * `kubectl kustomize`; a Helm chart by `helm template` (each document named after its template);
 * any other folder walked for .yaml, .yml and .json files, rendering the Kustomize folders and charts
 * found on the way.
 */
export function readManifestSources(
  paths: readonly string[],
  options: SourceOptions = {},
): { sources: ManifestSource[]; errors: SourceError[] } {
  const sources: ManifestSource[] = [];
  const errors: SourceError[] = [];
  const fail = (file: string, message: string) => errors.push({ file, line: 1, col: 1, message });
  const visit = (p: string, top: boolean) => {
    if (p === '-') {
      sources.push({ file: '<stdin>', text: options.stdin ? options.stdin() : readFileSync(0, 'utf8') });
      return;
    }
    let stat;
    try {
      stat = statSync(p);
    } catch {
      fail(p, top ? 'no such file or folder' : 'cannot be read');
      return;
    }
    if (stat.isFile()) {
      if (top || MANIFEST.test(p)) sources.push({ file: p, text: readFileSync(p, 'utf8') });
      return;
    }
    if (!stat.isDirectory()) return;
    if (KUSTOMIZATION.some((k) => existsSync(path.join(p, k)))) return render(p, 'kustomize');
    if (existsSync(path.join(p, 'Chart.yaml'))) return render(p, 'helm');
    for (const entry of readdirSync(p).sort())
      if (!entry.startsWith('.') && !SKIP_DIRS.has(entry)) visit(path.join(p, entry), false);
  };
  const render = (dir: string, tool: 'kustomize' | 'helm') => {
    const bin =
      tool === 'kustomize'
        ? (options.kubectl ?? process.env.STEVEDORE_KUBECTL ?? 'kubectl')
        : (options.helm ?? process.env.STEVEDORE_HELM ?? 'helm');
    const args = tool === 'kustomize' ? ['kustomize', dir] : ['template', path.basename(path.resolve(dir)), dir];
    const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    const label = tool === 'kustomize' ? `${dir} (kubectl kustomize)` : `${dir} (helm template)`;
    if (r.error)
      return fail(
        dir,
        `cannot run ${bin}: ${r.error.message}${tool === 'kustomize' ? ' (install kubectl, or set STEVEDORE_KUBECTL)' : ' (install helm, or set STEVEDORE_HELM)'}`,
      );
    if (r.status !== 0)
      return fail(
        dir,
        `${tool === 'kustomize' ? 'kubectl kustomize' : 'helm template'} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`,
      );
    if (tool === 'kustomize') sources.push({ file: label, text: r.stdout });
    else sources.push(...splitHelm(dir, r.stdout));
  };
  for (const p of paths) visit(p, true);
  return { sources, errors };
}

/** `helm template` output split by its `# Source: chart/templates/x.yaml` comments, each named after its template. */
export function splitHelm(dir: string, text: string): ManifestSource[] {
  const out = new Map<string, string[]>();
  let current = `${dir} (helm template)`;
  for (const doc of text.split(/^---\s*$/m)) {
    const source = /^# Source: [^/]+\/(.+)$/m.exec(doc);
    current = source ? path.join(dir, source[1] ?? '') : current;
    const list = out.get(current) ?? [];
    list.push(doc);
    out.set(current, list);
  }
  return [...out].map(([file, docs]) => ({ file, text: docs.join('---\n') }));
}
