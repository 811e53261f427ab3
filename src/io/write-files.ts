import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The list of files a run wrote, with a hash of each, kept in the output folder. */
export const WRITTEN_LIST = '.stevedore-files';

export interface WriteResult {
  readonly written: number;
  /** Files an earlier run wrote that this run no longer produces, removed. */
  readonly removed: string[];
  /** Such files that were edited since: left in place. */
  readonly kept: string[];
}

/**
 * Writes a set of files under `dir`. A file an earlier run wrote (listed in `.stevedore-files`) and
 * this run no longer produces is removed only if it is unchanged since; a user's own files, and
 * generated files the user edited, are never removed.
 */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): WriteResult {
  const removed: string[] = [];
  const kept: string[] = [];
  for (const [rel, hash] of readList(dir)) {
    if (files.has(rel)) continue;
    const target = path.join(dir, rel);
    if (!fs.existsSync(target)) continue;
    if (digest(fs.readFileSync(target)) !== hash) {
      kept.push(rel);
      continue;
    }
    fs.rmSync(target);
    removed.push(rel);
    removeEmptyParents(dir, path.dirname(target));
  }
  const list: string[] = [];
  for (const [rel, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    list.push(`${digest(Buffer.from(text))}  ${rel}`);
  }
  fs.writeFileSync(
    path.join(dir, WRITTEN_LIST),
    `# Files written by stevedore convert (sha256). A later run removes those it no longer writes, unless edited.\n${list.join('\n')}\n`,
  );
  return { written: files.size, removed, kept };
}

function readList(dir: string): [string, string][] {
  const file = path.join(dir, WRITTEN_LIST);
  if (!fs.existsSync(file)) return [];
  const out: [string, string][] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [, hash, rel] = /^([0-9a-f]{64}) {2}(.+)$/.exec(line) ?? [];
    // Only paths inside the folder: a tampered list must not reach outside it.
    if (hash && rel && !path.isAbsolute(rel) && !rel.split(/[\\/]/).includes('..')) out.push([rel, hash]);
  }
  return out;
}

function digest(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function removeEmptyParents(root: string, dir: string): void {
  const top = path.resolve(root);
  for (let d = path.resolve(dir); d.startsWith(top + path.sep); d = path.dirname(d)) {
    if (fs.readdirSync(d).length) return;
    fs.rmdirSync(d);
  }
}
