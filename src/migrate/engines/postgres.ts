import { inClusterHint } from '../in-cluster-hint.js';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { capture, describeCommand, pipe, tail, type Command } from '../../io/exec.js';
import {
  MigrateError,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOptions,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { compareFingerprints } from '../compare.js';
import { OBJECT_COUNT, conn, psql, query } from './postgres-sql.js';
import { createPostgresDatabase, postgresDatabases } from './postgres-databases.js';
import { withDatabase } from '../url.js';
import { fingerprint, heldFrom } from './postgres-fingerprint.js';
import { postgresPreflight } from './postgres-preflight.js';
import { ensureRoles, copyDatabaseSettings } from './postgres-roles.js';
import { explain } from '../explain.js';
import { afterData, restoreProgress } from './postgres-progress.js';

/** --force on a target that holds data: start from an empty database, as a fresh one would be. */
export const RESET = `do $$ declare s text; owner text; g record; begin
  -- The public schema comes back as it was (owner and grants), as in a fresh database of this server.
  select pg_get_userbyid(nspowner) into owner from pg_namespace where nspname = 'public';
  create temporary table stevedore_public_acl as
    select case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end as grantee, a.privilege_type
    from pg_namespace n cross join lateral aclexplode(n.nspacl) a where n.nspname = 'public' and a.grantee <> n.nspowner;
  for s in select nspname from pg_namespace where nspname not in ('pg_catalog','information_schema') and nspname not like 'pg_toast%' and nspname not like 'pg_temp%' loop
    execute format('drop schema %I cascade', s);
  end loop;
  perform lo_unlink(oid) from pg_largeobject_metadata;
  create schema public;
  if owner is not null then execute format('alter schema public owner to %I', owner); end if;
  for g in select * from stevedore_public_acl loop
    execute format('grant %s on schema public to %s', g.privilege_type, g.grantee);
  end loop;
end $$`;

/**
 * The dump and restore commands, shared by describe (the plan, --dry-run) and run. `folder` is the
 * directory-format dump with --jobs above 1, or undefined for the custom format streamed through a pipe.
 */
function commands(src: Endpoint, dst: Endpoint, o: RunOptions, folder?: string): { dump: Command; restore: Command } {
  const s = conn(src);
  const d = conn(dst);
  const owner = o.noOwner ? ['--no-owner', '--no-acl'] : [];
  const format = folder === undefined ? ['-Fc'] : ['-Fd', '-j', String(o.jobs)];
  return {
    dump: {
      argv: ['pg_dump', ...format, ...owner, ...(folder === undefined ? [] : ['-f', folder]), '-d', s.dsn],
      env: s.env,
      transport: src.transport,
    },
    restore: {
      argv: [
        'pg_restore',
        // Names each table as its data goes in: the progress that can honestly be counted, and the
        // moment the data is all read from the source (when its fingerprint is taken).
        ...(o.onProgress || o.verifyAfter !== false ? ['--verbose'] : []),
        ...format.slice(1),
        '--exit-on-error',
        ...owner,
        '-d',
        d.dsn,
        ...(folder === undefined ? [] : [folder]),
      ],
      env: d.env,
      transport: dst.transport,
    },
  };
}

/** A fingerprint taken during a run, for the verification that follows it (once), and the mark of the cluster's writes it holds at. */
interface EarlyPrint {
  readonly owners: boolean;
  readonly print: Promise<{ print: Map<string, string>; from: bigint | undefined }>;
}
/** The source's fingerprint taken during a run. */
const sourcePrints = new WeakMap<Endpoint, EarlyPrint>();
/** The target's fingerprint taken at the end of a run, beside its ANALYZE. */
const targetPrints = new WeakMap<Endpoint, EarlyPrint>();

/**
 * The cluster's mark of writes: one past the latest transaction that ended having written (a
 * snapshot's xmax). Reads take no transaction id: it moves only when a writing transaction ends.
 */
async function writeMark(ep: Endpoint): Promise<bigint> {
  return BigInt((await query(ep, 'select pg_snapshot_xmax(pg_current_snapshot())'))[0]?.[0] ?? '-1');
}

/**
 * The source is only read, and its writers are stopped: its fingerprint is taken during the run,
 * so verification after it reads only the target. Not beside the data's stream (on two cores it
 * took CPU from the dump and restore it ran beside), but once the dump is read: while the target
 * builds its keys and indexes, which leave the source idle. The print's own snapshots say from
 * which mark it holds. Returns what starts it (once).
 */
function sourcePrinter(src: Endpoint, o: RunOptions): () => void {
  if (o.verifyAfter === false) return () => undefined;
  const owners = !o.noOwner;
  let started = false;
  return () => {
    if (started) return;
    started = true;
    const print = fingerprint(src, { owners, serial: true }).then((f) => ({
      print: f.print,
      from: heldFrom(f.snapshots),
    }));
    print.catch(() => undefined);
    sourcePrints.set(src, { owners, print });
  };
}

/**
 * ANALYZE on the target and, when a verification follows, the target's fingerprint beside it: the
 * copy is complete (data, keys, settings) and ANALYZE only samples the rows on one core, so the
 * read-back takes the other instead of waiting for it. ANALYZE runs as one transaction, so the
 * print holds only if that transaction is the single write the target's cluster saw around it.
 */
async function analyze(dst: Endpoint, o: RunOptions): Promise<void> {
  if (o.verifyAfter === false) {
    await query(dst, 'ANALYZE');
    return;
  }
  const owners = !o.noOwner;
  const taken = fingerprint(dst, { owners });
  taken.catch(() => undefined);
  const own = BigInt((await query(dst, 'ANALYZE; select pg_current_xact_id()')).at(-1)?.[0] ?? '-1');
  const print = taken.then((f) => ({ print: f.print, from: heldFrom(f.snapshots, own) }));
  print.catch(() => undefined);
  targetPrints.set(dst, { owners, print });
}

/** An early print if no write ended in its server's cluster since it was read (`early`), else a fresh one. */
async function printOf(
  ep: Endpoint,
  early: EarlyPrint | undefined,
  owners: boolean,
): Promise<{ print: Map<string, string>; early: boolean }> {
  const fresh = async () => ({ print: (await fingerprint(ep, { owners })).print, early: false });
  if (early?.owners !== owners) return fresh();
  const [taken, mark] = await Promise.all([early.print.catch(() => undefined), writeMark(ep)]);
  // Any write anywhere in the cluster since the print (a writer not stopped, an app started on the
  // target), or one running as it was read: the print may be stale, and the side is read again.
  return taken?.from !== undefined && taken.from === mark ? { print: taken.print, early: true } : fresh();
}

/** How each side was read, said with the verdict. */
function howRead(had: readonly [boolean, boolean], used: readonly [boolean, boolean]): string[] {
  if (!had[0] && !had[1]) return [];
  if (used[0] && used[1])
    return ['the source read during the copy, the target as its ANALYZE ran; neither server has written since'];
  return (['source', 'target'] as const).flatMap((side, i) =>
    had[i] && !used[i]
      ? [`the ${side} read again: a transaction on its server wrote since its first read, or was running during it`]
      : [],
  );
}

export const postgresEngine: Engine = {
  id: 'postgres',
  schemes: ['postgres', 'postgresql'],
  method:
    'pg_dump -Fc streamed into pg_restore (directory format with --jobs N for parallel dump and restore), then ANALYZE; owners, grants, roles and settings kept; verified row by row per table, and by the definition of each table, owners and grants, sequences, views, functions and large objects',

  plan({ workload, plain, has, source, target }) {
    const user = plain('POSTGRES_USER') ?? plain('POSTGRESQL_USERNAME') ?? 'postgres';
    const db = plain('POSTGRES_DB') ?? plain('POSTGRESQL_DATABASE') ?? user;
    const url = `postgresql:///${encodeURIComponent(db)}?user=${encodeURIComponent(user)}`;
    return [
      {
        source: source(url),
        target: target(url),
        needs: [],
        notes: [
          'connects through the local socket inside each container: no password needed',
          `moves the whole server: ${db} and every other database on it that holds data (an application may make its own), each copied and verified on its own; one the target lacks is created as the source has it`,
          inClusterHint(
            { workload, has },
            {
              scheme: 'postgres',
              port: 5432,
              user: `${encodeURIComponent(user)}:`,
              passwordVars: ['POSTGRES_PASSWORD', 'POSTGRESQL_PASSWORD'],
              path: `/${encodeURIComponent(db)}`,
              does: 'runs the copy and its verification of every database on the server that holds data as a Job in the target namespace',
            },
          ),
        ],
      },
    ];
  },

  async identify(ep) {
    // The cluster's system identifier is set by initdb and readable by any role.
    const [row] = await query(ep, `select system_identifier::text, current_database() from pg_control_system()`);
    return `PostgreSQL system ${row?.[0] ?? '?'}, database ${row?.[1] ?? '?'}`;
  },

  async inspect(ep): Promise<Inspection> {
    const [row] = await query(ep, `select pg_database_size(current_database()), ${OBJECT_COUNT}`);
    const [size, objects = 0] = (row ?? []).map(Number);
    return { sizeBytes: size ?? 0, objects, empty: objects === 0 };
  },

  preflight: postgresPreflight,

  describe(src, dst, o) {
    const reset = o.force
      ? [describeCommand(psql(dst, '<drop every schema, recreate public, remove large objects>'))]
      : [];
    const parallel = (o.jobs ?? 1) > 1;
    const { dump, restore } = commands(src, dst, o, parallel ? '<temporary folder>' : undefined);
    return [
      ...reset,
      ...(parallel
        ? [describeCommand(dump), describeCommand(restore)]
        : [`${describeCommand(dump)} | ${describeCommand(restore)}`]),
      describeCommand(psql(dst, 'ANALYZE')),
    ];
  },

  async run(src, dst, o): Promise<RunOutcome> {
    const s = conn(src);
    const notes: string[] = [];
    // Roles first: a dump naming an owner the target lacks would fail half-way through the restore.
    if (o.noOwner)
      notes.push(
        'copied without owners and grants (--no-owner): the objects on the target belong to the user of the target URL',
      );
    else notes.push(...(await ensureRoles(src, dst, Boolean(o.copyRoles), Boolean(o.rolePasswords))));
    if (o.force && !(await this.inspect(dst)).empty) {
      await query(dst, RESET);
      notes.push('--force: the target database was emptied first (every schema dropped, large objects removed)');
    }
    const printSource = sourcePrinter(src, o);
    let bytes = 0;
    let keptDump: RunOutcome['keptDump'];
    if ((o.jobs ?? 1) > 1) {
      if (src.transport.prefix.length || dst.transport.prefix.length)
        throw new MigrateError(
          '--jobs needs direct connections (the directory format is written to a local folder); use port-forwarding, or run without --jobs to stream through the exec transport',
        );
      const dir = o.keepDump
        ? path.join(o.keepDump, `${s.db}-${stamp()}.dir`)
        : mkdtempSync(path.join(tmpdir(), 'stevedore-pgdump-'));
      if (o.keepDump) mkdirSync(o.keepDump, { recursive: true, mode: 0o700 });
      try {
        const folder = o.keepDump ? dir : path.join(dir, 'dump');
        const { dump: dumpCommand, restore: restoreCommand } = commands(src, dst, o, folder);
        const dump = await capture(dumpCommand, undefined, o.signal);
        if (dump.code === 0) printSource();
        if (dump.code !== 0)
          return {
            ok: false,
            bytes: 0,
            error: `pg_dump failed on the source: ${tail(dump.stderr)}. The target was not touched.`,
            notes,
          };
        const progress = await restoreProgress(src, dst, o);
        const restore = await capture(restoreCommand, undefined, o.signal, progress?.onStderr).finally(() =>
          progress?.stop(false),
        );
        progress?.stop(restore.code === 0);
        if (restore.code !== 0)
          return {
            ok: false,
            bytes: 0,
            error: `pg_restore failed on the target: ${tail(restore.stderr)}. The target holds a partial copy: run again with --force to start clean.`,
            notes,
          };
        notes.push(`dumped and restored with ${o.jobs} parallel jobs (directory format)`);
        if (o.keepDump) notes.push(`dump kept in ${dir}`);
      } finally {
        if (!o.keepDump) rmSync(dir, { recursive: true, force: true });
      }
    } else {
      let teeTo: string | undefined;
      if (o.keepDump) {
        mkdirSync(o.keepDump, { recursive: true, mode: 0o700 });
        teeTo = path.join(o.keepDump, `${s.db}-${stamp()}.dump`);
      }
      const { dump, restore } = commands(src, dst, o);
      const progress = await restoreProgress(src, dst, o);
      const dataRead = afterData(printSource);
      const r = await pipe(dump, restore, {
        ...(o.onBytes ? { onBytes: o.onBytes } : {}),
        onConsumerStderr: (text) => {
          progress?.onStderr(text);
          dataRead(text);
        },
        ...(teeTo ? { teeTo } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      }).finally(() => progress?.stop(false));
      progress?.stop(r.ok);
      bytes = r.bytes;
      if (!r.ok) return { ok: false, bytes, error: explain(r, 'pg_dump', 'pg_restore'), notes };
      // A dump with no data section at all: the source is read now.
      printSource();
      if (teeTo && r.sha256) {
        writeFileSync(`${teeTo}.sha256`, `${r.sha256}  ${path.basename(teeTo)}\n`, { mode: 0o600 });
        keptDump = { path: teeTo, sha256: r.sha256 };
      }
    }
    notes.push(...(await copyDatabaseSettings(src, dst, !o.noOwner)));
    await analyze(dst, o);
    notes.push('ANALYZE run on the target so the planner has statistics');
    return { ok: true, bytes, notes, ...(keptDump ? { keptDump } : {}) };
  },

  databases: postgresDatabases,
  createDatabase: createPostgresDatabase,
  withDatabase,

  async verify(src, dst, o): Promise<Verification> {
    const owners = !o?.noOwner;
    const early = [sourcePrints.get(src), targetPrints.get(dst)] as const;
    sourcePrints.delete(src);
    targetPrints.delete(dst);
    const [a, b] = await Promise.all([printOf(src, early[0], owners), printOf(dst, early[1], owners)]);
    const v = compareFingerprints(a.print, b.print);
    const said = howRead([early[0] !== undefined, early[1] !== undefined], [a.early, b.early]);
    return said.length ? { ...v, notes: [...(v.notes ?? []), ...said] } : v;
  },
};

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}
