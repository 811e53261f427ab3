import { capture, describeCommand, pipe, tail } from '../../io/exec.js';
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
import { freeKib, ok, spaceCheck, warning } from '../checks.js';
import { compareTrees, dir, sh } from './volume-tree.js';

/** What GNU tar keeps beyond modes and owners; busybox tar knows none of it. */
const GNU_KEEP = ['--xattrs', '--xattrs-include=*', '--acls'];

/** Asked once per endpoint: the pre-flight and the run both need it. */
const tarOf = new WeakMap<Endpoint, Promise<boolean>>();
function gnuTar(ep: Endpoint): Promise<boolean> {
  let found = tarOf.get(ep);
  if (!found) {
    found = capture(sh(ep, 'tar --version 2>/dev/null | head -n 1')).then((r) => /GNU tar/.test(r.stdout));
    tarOf.set(ep, found);
  }
  return found;
}

/** The tar pair: holes, xattrs and ACLs kept when both sides have GNU tar. */
function tarPair(src: Endpoint, dst: Endpoint, gnu: boolean) {
  return {
    create: {
      argv: ['tar', '-C', dir(src), '--numeric-owner', ...(gnu ? ['--sparse', ...GNU_KEEP] : []), '-cpf', '-', '.'],
      transport: src.transport,
    },
    extract: {
      argv: ['tar', '-C', dir(dst), '--numeric-owner', ...(gnu ? GNU_KEEP : []), '-xpf', '-'],
      transport: dst.transport,
    },
  };
}

/**
 * Any other named volume: a tar stream from the source folder into the target folder, keeping
 * modes, owners (numerically), symlinks and empty folders. Works locally or inside containers.
 */
export const volumeEngine: Engine = {
  id: 'volume',
  schemes: ['file'],
  method:
    'tar stream from the source folder into the target folder (modes, numeric owners, symlinks, hard links and empty folders kept; sparse files, xattrs and ACLs where both sides have GNU tar); verified by file count, bytes, a tree hash, hard links, xattrs and ACLs, and space on disk',

  plan({ workload: w, volumeSource, volumeTarget }) {
    return w.storage
      .filter((m) => m.kind === 'data' && m.volume)
      .map((m) => {
        const into = volumeTarget(m.volume ?? '');
        return {
          source: volumeSource(m.volume ?? ''),
          target: into.side,
          around: into.around,
          needs: [],
          notes: [
            `volume ${m.volume}, read through a throwaway read-only container: stop ${w.name} first for a consistent copy (nothing needs it running)`,
            `written through a helper pod that mounts its claim, with ${w.name} at zero replicas in the cluster (nothing writes under a running service): first ${into.first.map((c) => `\`${c}\``).join(', ')}; after the copy ${into.after.map((c) => `\`${c}\``).join(', ')}`,
          ],
        };
      });
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

  async preflight(src, dst, { source }) {
    const [gnuSource, gnuTarget] = await Promise.all([gnuTar(src), gnuTar(dst)]);
    return [
      gnuSource && gnuTarget
        ? ok('tar on both sides', 'GNU tar: sparse files, extended attributes and ACLs are kept')
        : warning(
            'tar on both sides',
            `no GNU tar on the ${gnuSource ? 'target' : gnuTarget ? 'source' : 'source and the target'}: sparse files, extended attributes and ACLs are not kept`,
          ),
      spaceCheck(await freeKib(dst, dir(dst)), source.sizeBytes, dir(dst)),
    ];
  },

  describe(src, dst, o) {
    return [
      ...(o.force ? [describeCommand(sh(dst, 'find "$1" -mindepth 1 -delete', dir(dst)))] : []),
      `${describeCommand(tarPair(src, dst, true).create)} | ${describeCommand(tarPair(src, dst, true).extract)}`,
      '(--sparse, --xattrs and --acls only where both sides have GNU tar)',
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
    const [gnuSource, gnuTarget] = await Promise.all([gnuTar(src), gnuTar(dst)]);
    if (!gnuSource || !gnuTarget)
      notes.push(
        `sparse files, extended attributes and ACLs are not kept: the ${gnuSource ? 'target has' : gnuTarget ? 'source has' : 'source and the target have'} no GNU tar (busybox tar knows none of them)`,
      );
    const tars = tarPair(src, dst, gnuSource && gnuTarget);
    const r = await pipe(tars.create, tars.extract, {
      ...(o.onBytes ? { onBytes: o.onBytes } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    if (!r.ok) return { ok: false, bytes: r.bytes, error: explain(r, 'tar (source)', 'tar (target)'), notes };
    return { ok: true, bytes: r.bytes, notes };
  },

  verify(src, dst): Promise<Verification> {
    return compareTrees(src, dst);
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
