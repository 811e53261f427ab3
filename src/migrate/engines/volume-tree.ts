import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Parser, type ReadEntry } from 'tar';
import { capture, commandLine, tail, type Command } from '../../io/exec.js';
import { MigrateError, type Comparison, type Endpoint, type Verification } from '../types.js';

/** A folder: a path, or file:///path. */
export function dir(ep: Endpoint): string {
  const p = ep.url.startsWith('file://') ? decodeURIComponent(new URL(ep.url).pathname) : ep.url;
  if (!p.startsWith('/')) throw new MigrateError(`${ep.url}: give the folder as an absolute path`);
  return p;
}

export const sh = (ep: Endpoint, script: string, ...args: string[]): Command => ({
  argv: ['sh', '-c', script, 'sh', ...args],
  transport: ep.transport,
});

interface Tree {
  files: number;
  directories: number;
  symlinks: number;
  bytes: number;
  'tree hash': string;
  'hard links': string;
}

interface Entry {
  path: string;
  type: string;
  mode: string;
  owner: string;
  size: number;
  link: string;
  content: string;
}

/**
 * Every entry's path, type, mode, owner, size, link and content, in path order, hashed; times are left
 * out. A hard link is the file it names (whichever name tar met first), and the groups of names that
 * are one file are compared on their own, so two copies of the same bytes are not one file under two names.
 */
function readTree(ep: Endpoint): Promise<Tree> {
  return new Promise((resolve, reject) => {
    const { file, args, env } = commandLine({
      argv: ['tar', '-C', dir(ep), '--numeric-owner', '-cf', '-', '.'],
      transport: ep.transport,
    });
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const entries: Entry[] = [];
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const hash = createHash('sha256');
        entry.on('data', (d: Buffer) => hash.update(d));
        entry.on('end', () => {
          const p = entry.path.replace(/^\.\/?/, '').replace(/\/$/, '');
          if (p === '') return;
          entries.push({
            path: p,
            type: entry.type,
            mode: (entry.mode ?? 0).toString(8),
            owner: `${entry.uid}:${entry.gid}`,
            size: entry.size ?? 0,
            link: (entry.linkpath ?? '').replace(/^\.\//, ''),
            content: entry.type === 'File' || entry.type === 'OldFile' ? hash.digest('hex') : '',
          });
        });
      },
    });
    const err: Buffer[] = [];
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdout.pipe(parser);
    child.on('error', reject);
    const parsed = new Promise<void>((r) => parser.on('end', () => r()));
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new MigrateError(`reading ${dir(ep)} for verification: ${tail(Buffer.concat(err).toString())}`));
      void parsed.then(() => resolve(summarise(entries)));
    });
  });
}

function summarise(entries: Entry[]): Tree {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    if (e.type !== 'Link') continue;
    const first = byPath.get(e.link);
    if (!first) continue;
    groups.set(first.path, [...(groups.get(first.path) ?? [first.path]), e.path]);
    Object.assign(e, { type: first.type, size: first.size, content: first.content });
  }
  const t: Tree = { files: 0, directories: 0, symlinks: 0, bytes: 0, 'tree hash': '', 'hard links': '' };
  const lines: string[] = [];
  for (const e of entries) {
    if (e.type === 'Directory') t.directories++;
    else if (e.type === 'SymbolicLink') t.symlinks++;
    else t.files++;
    lines.push(
      [e.path, e.type, e.mode, e.owner, e.size, e.type === 'SymbolicLink' ? e.link : '', e.content].join('\0'),
    );
  }
  // Bytes of data, each file once however many names it has.
  for (const e of entries) if (e.type === 'File' || e.type === 'OldFile') t.bytes += e.size;
  for (const names of groups.values()) t.bytes -= (names.length - 1) * (byPath.get(names[0] ?? '')?.size ?? 0);
  lines.sort();
  t['tree hash'] = digest(lines);
  const sets = [...groups.values()].map((names) => names.sort().join('\0')).sort();
  t['hard links'] = sets.length ? `${sets.length} files with several names (${digest(sets)})` : 'none';
  return t;
}

const digest = (lines: readonly string[]) => createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);

/** Every extended attribute (ACLs are the system.posix_acl_* ones) of every entry; undefined without getfattr. */
async function readAttributes(ep: Endpoint): Promise<string | undefined> {
  const r = await capture(
    sh(
      ep,
      'command -v getfattr >/dev/null 2>&1 || { echo none; exit 0; }; cd "$1" && getfattr -R -h -d -m - -e hex . 2>/dev/null; echo',
      dir(ep),
    ),
  );
  if (r.stdout.trim() === 'none') return undefined;
  const blocks = r.stdout
    .split(/\n\s*\n/)
    .map((b) => b.trim().split('\n'))
    .filter((b) => b[0]?.startsWith('# file: '))
    .map(([head = '', ...attrs]) => `${head.slice('# file: '.length).replace(/^\.\//, '')}\0${attrs.sort().join('\0')}`)
    .sort();
  const count = blocks.reduce((n, b) => n + b.split('\0').length - 1, 0);
  return count ? `${count} on ${blocks.length} entries (${digest(blocks)})` : 'none';
}

/** Space a side takes on disk, in KiB (holes in sparse files take none). */
async function diskUse(ep: Endpoint): Promise<number> {
  const r = await capture(sh(ep, 'du -sk "$1" | cut -f1', dir(ep)));
  return Number(r.stdout.trim());
}

/**
 * The two folders compared: the tree (paths, types, modes, owners, contents), hard links, extended
 * attributes and ACLs (where both sides have getfattr), and the space on disk: a target that takes
 * far more than the source lost its sparse files' holes (filesystems round differently, so within 1.5×
 * plus 4 MiB counts as the same).
 */
export async function compareTrees(src: Endpoint, dst: Endpoint): Promise<Verification> {
  const [a, b, attrA, attrB, useA, useB] = await Promise.all([
    readTree(src),
    readTree(dst),
    readAttributes(src),
    readAttributes(dst),
    diskUse(src),
    diskUse(dst),
  ]);
  const items: Comparison[] = (['files', 'directories', 'symlinks', 'bytes', 'tree hash', 'hard links'] as const).map(
    (k) => ({ object: k, source: String(a[k]), target: String(b[k]), equal: a[k] === b[k] }),
  );
  const notes: string[] = [];
  if (attrA !== undefined && attrB !== undefined)
    items.push({ object: 'extended attributes and ACLs', source: attrA, target: attrB, equal: attrA === attrB });
  else
    notes.push(
      `extended attributes and ACLs not compared: no getfattr on the ${attrA === undefined ? 'source' : 'target'} (Debian package attr)`,
    );
  if (Number.isFinite(useA) && Number.isFinite(useB))
    items.push({
      object: 'space on disk (KiB)',
      source: String(useA),
      target: String(useB),
      equal: useB <= useA * 1.5 + 4096,
    });
  return { ok: items.every((i) => i.equal), items, ...(notes.length ? { notes } : {}) };
}
