import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Parser, type ReadEntry } from 'tar';
import { capture, commandLine, describeCommand, pipe, tail, type Command } from '../../io/exec.js';
import {
  MigrateError,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { explain } from '../explain.js';
import path from 'node:path';

/** A folder: a path, or file:///path. */
function dir(ep: Endpoint): string {
  const p = ep.url.startsWith('file://') ? decodeURIComponent(new URL(ep.url).pathname) : ep.url;
  if (!p.startsWith('/')) throw new MigrateError(`${ep.url}: give the folder as an absolute path`);
  return p;
}

const sh = (ep: Endpoint, script: string, ...args: string[]): Command => ({
  argv: ['sh', '-c', script, 'sh', ...args],
  transport: ep.transport,
});

/**
 * Any other named volume: a tar stream from the source folder into the target folder, keeping
 * modes, owners (numerically), symlinks and empty folders. Works locally or inside containers.
 */
export const volumeEngine: Engine = {
  id: 'volume',
  schemes: ['file'],
  method:
    'tar stream from the source folder into the target folder (modes, numeric owners, symlinks and empty folders kept); verified by file count, bytes and a tree hash',

  plan({ workload: w, volumeSource, target }) {
    return w.storage
      .filter((m) => m.kind === 'data' && m.volume)
      .map((m) => ({
        source: volumeSource(m.volume ?? ''),
        target: target(m.target),
        needs: [],
        notes: [
          `volume ${m.volume}, read through a throwaway read-only container: stop ${w.name} first for a consistent copy (nothing needs it running)`,
        ],
      }));
  },

  async identify(ep) {
    // Device and inode: one folder however its path is spelled (dir, dir/, a/./dir, a symlink to it).
    const d = dir(ep);
    const r = await capture(sh(ep, 'if [ -d "$1" ]; then stat -L -c %d:%i "$1"; else echo missing; fi', d));
    if (r.code !== 0) throw new MigrateError(`folder ${d}: ${tail(r.stderr, 2)}`);
    const id = r.stdout.trim();
    return id === 'missing' ? `a folder not yet there (${path.posix.normalize(d)})` : `folder device:inode ${id}`;
  },

  async inspect(ep): Promise<Inspection> {
    const d = dir(ep);
    // Only looks: a folder that is not there is reported, never created (a mistyped source must not
    // turn into an empty copy that verifies as equal).
    const r = await capture(
      sh(
        ep,
        'if [ ! -d "$1" ]; then echo missing; exit 0; fi; find "$1" -mindepth 1 | wc -l && du -sk "$1" | cut -f1',
        d,
      ),
    );
    if (r.code !== 0)
      throw new MigrateError(
        `folder ${d}${ep.transport.prefix.length ? ` (through ${ep.transport.name})` : ''}: ${tail(r.stderr, 2)}`,
      );
    if (r.stdout.trim() === 'missing') return { objects: 0, empty: true, missing: true };
    const [count, kb] = r.stdout.trim().split('\n').map(Number);
    return { objects: count ?? 0, sizeBytes: (kb ?? 0) * 1024, empty: (count ?? 0) === 0 };
  },

  describe(src, dst, o) {
    return [
      ...(o.force ? [describeCommand(sh(dst, 'find "$1" -mindepth 1 -delete', dir(dst)))] : []),
      `${describeCommand({ argv: ['tar', '-C', dir(src), '--numeric-owner', '-cpf', '-', '.'], transport: src.transport })} | ${describeCommand({ argv: ['tar', '-C', dir(dst), '--numeric-owner', '-xpf', '-'], transport: dst.transport })}`,
    ];
  },

  async run(src, dst, o): Promise<RunOutcome> {
    const notes: string[] = [];
    await assertApart(src, dst);
    const made = await capture(sh(dst, 'mkdir -p "$1"', dir(dst)));
    if (made.code !== 0)
      return { ok: false, bytes: 0, error: `could not create the target folder: ${tail(made.stderr)}`, notes };
    if (o.force) {
      const r = await capture(sh(dst, 'find "$1" -mindepth 1 -delete', dir(dst)));
      if (r.code !== 0)
        return { ok: false, bytes: 0, error: `could not empty the target folder: ${tail(r.stderr)}`, notes };
      notes.push('--force: the target folder was emptied first');
    }
    const r = await pipe(
      { argv: ['tar', '-C', dir(src), '--numeric-owner', '-cpf', '-', '.'], transport: src.transport },
      { argv: ['tar', '-C', dir(dst), '--numeric-owner', '-xpf', '-'], transport: dst.transport },
      { ...(o.onBytes ? { onBytes: o.onBytes } : {}), ...(o.signal ? { signal: o.signal } : {}) },
    );
    if (!r.ok) return { ok: false, bytes: r.bytes, error: explain(r, 'tar (source)', 'tar (target)'), notes };
    return { ok: true, bytes: r.bytes, notes };
  },

  async verify(src, dst): Promise<Verification> {
    const [a, b] = await Promise.all([treeHash(src), treeHash(dst)]);
    const items = (['files', 'directories', 'symlinks', 'bytes', 'tree hash'] as const).map((k) => ({
      object: k,
      source: String(a[k]),
      target: String(b[k]),
      equal: a[k] === b[k],
    }));
    return { ok: items.every((i) => i.equal), items };
  },
};

/**
 * A target inside the source (or the source inside the target) would copy into what is being read:
 * refused. Only checkable when both sides are reached the same way.
 */
async function assertApart(src: Endpoint, dst: Endpoint): Promise<void> {
  if (src.transport.prefix.join(' ') !== dst.transport.prefix.join(' ')) return;
  const r = await capture(sh(src, 'realpath -m "$1"; realpath -m "$2"', dir(src), dir(dst)));
  const [a = '', b = ''] = r.stdout.trim().split('\n');
  if (r.code !== 0 || !a || !b) return;
  const inside = (x: string, y: string) => x.startsWith(y.endsWith('/') ? y : `${y}/`);
  if (inside(b, a) || inside(a, b))
    throw new MigrateError(
      `the target ${b} and the source ${a} contain one another: choose a folder outside the source`,
    );
}

/** Every entry's path, type, mode, owner, size, link and content, in path order, hashed. Times are left out. */
function treeHash(
  ep: Endpoint,
): Promise<{ files: number; directories: number; symlinks: number; bytes: number; 'tree hash': string }> {
  return new Promise((resolve, reject) => {
    const { file, args, env } = commandLine({
      argv: ['tar', '-C', dir(ep), '--numeric-owner', '-cf', '-', '.'],
      transport: ep.transport,
    });
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let files = 0;
    let directories = 0;
    let symlinks = 0;
    let bytes = 0;
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const p = entry.path.replace(/^\.\/?/, '').replace(/\/$/, '');
        const hash = createHash('sha256');
        entry.on('data', (d: Buffer) => hash.update(d));
        entry.on('end', () => {
          if (p === '') return;
          if (entry.type === 'Directory') directories++;
          else if (entry.type === 'SymbolicLink') symlinks++;
          else {
            files++;
            bytes += entry.size ?? 0;
          }
          lines.push(
            `${p}\0${entry.type}\0${(entry.mode ?? 0).toString(8)}\0${entry.uid}:${entry.gid}\0${entry.size}\0${entry.linkpath ?? ''}\0${entry.type === 'File' || entry.type === 'OldFile' ? hash.digest('hex') : ''}`,
          );
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
      void parsed.then(() => {
        lines.sort();
        resolve({
          files,
          directories,
          symlinks,
          bytes,
          'tree hash': createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16),
        });
      });
    });
  });
}
