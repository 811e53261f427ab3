import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a set of files under `dir`. Files of an earlier run that this run no longer produces are
 * removed only when the folder holds Stevedore's kustomization (so a user's own folder is never
 * cleaned); anything else is left as it was.
 */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): { written: number; removed: string[] } {
  const removed: string[] = [];
  const marker = path.join(dir, 'kustomization.yaml');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').startsWith('# kubectl apply -k')) {
    for (const f of listFiles(dir)) {
      const rel = path.relative(dir, f);
      if (!files.has(rel) && f.endsWith('.yaml')) {
        fs.rmSync(f);
        removed.push(rel);
      }
    }
  }
  for (const [rel, text] of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return { written: files.size, removed };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}
