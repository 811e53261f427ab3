import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { capture, describeCommand, pipe, tail, type Command } from '../../io/exec.js';
import {
  MigrateError,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { compareFingerprints } from '../compare.js';
import { explain } from '../explain.js';
import { hideSecret, parseUrl } from '../url.js';

/** The URL without its password (which travels in PGPASSWORD) for the tools' -d argument. */
function conn(ep: Endpoint): { dsn: string; env: Record<string, string>; db: string } {
  const u = parseUrl(ep.url);
  if (u.scheme !== 'postgres' && u.scheme !== 'postgresql')
    throw new MigrateError(`${hideSecret(ep.url)} is not a postgres:// URL`);
  const url = new URL(ep.url);
  url.password = '';
  return {
    dsn: url.toString(),
    env: u.password ? { PGPASSWORD: u.password } : {},
    db: u.database ?? u.user ?? 'postgres',
  };
}

function psql(ep: Endpoint, sql: string): Command {
  const c = conn(ep);
  return {
    argv: ['psql', '-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-F', '\t', '-d', c.dsn, '-c', sql],
    env: c.env,
    transport: ep.transport,
  };
}

async function query(ep: Endpoint, sql: string): Promise<string[][]> {
  const r = await capture(psql(ep, sql));
  if (r.code !== 0)
    throw new MigrateError(
      `PostgreSQL at ${hideSecret(ep.url)}${ep.transport.prefix.length ? ` (through ${ep.transport.name})` : ''}: ${tail(r.stderr, 2) || `psql exited with ${r.code}`}`,
    );
  return r.stdout
    .split('\n')
    .filter((l) => l.length)
    .map((l) => l.split('\t'));
}

/** --force on a target that holds data: start from an empty database, as a fresh one would be. */
const RESET = `do $$ declare s text; begin
  for s in select nspname from pg_namespace where nspname not in ('pg_catalog','information_schema') and nspname not like 'pg_toast%' and nspname not like 'pg_temp%' loop
    execute format('drop schema %I cascade', s);
  end loop;
  perform lo_unlink(oid) from pg_largeobject_metadata;
  create schema public;
end $$`;

const USER_SCHEMAS =
  "n.nspname not in ('pg_catalog','information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'";
/**
 * Built-in types whose stored value hashes the same on any server. Everything else — enums (hashed
 * by OID), domains, composite and range types over them, types with no hash function (json, xml,
 * geometric) — is hashed through its text form, which is the value itself.
 */
const HASHED_BY_VALUE = [
  'bool',
  'bytea',
  'char',
  'name',
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'numeric',
  'money',
  'text',
  'varchar',
  'bpchar',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'interval',
  'uuid',
  'jsonb',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
  'bit',
  'varbit',
  'oid',
];

/**
 * An order-independent checksum of a row set that catches values moved between rows: each row is
 * hashed whole, the row hash is mixed once more (hash_record_extended combines column hashes
 * linearly, so a plain sum would be a per-column sum that a swap between rows leaves unchanged),
 * and the mixed hashes are summed. `r` is the table alias; `row(r.*)` is the whole row even when a
 * column is itself named r.
 */
const rowsum = (byText: boolean) =>
  `coalesce(sum(${byText ? 'hashtextextended(row(r.*)::text, 0)' : 'hashint8extended(hash_record_extended(row(r.*), 0), 0)'}::numeric), 0)`;

export const postgresEngine: Engine = {
  id: 'postgres',
  schemes: ['postgres', 'postgresql'],
  method:
    'pg_dump -Fc streamed into pg_restore (directory format with --jobs N for parallel dump and restore), then ANALYZE; verified by row counts and checksums per table, sequences, views, functions, large objects',

  plan({ plain, source, target }) {
    const user = plain('POSTGRES_USER') ?? plain('POSTGRESQL_USERNAME') ?? 'postgres';
    const db = plain('POSTGRES_DB') ?? plain('POSTGRESQL_DATABASE') ?? user;
    const url = `postgresql:///${encodeURIComponent(db)}?user=${encodeURIComponent(user)}`;
    return [
      {
        source: source(url),
        target: target(url),
        needs: [],
        notes: ['connects through the local socket inside each container: no password needed'],
      },
    ];
  },

  async identify(ep) {
    // The cluster's system identifier is set by initdb and readable by any role.
    const [row] = await query(ep, `select system_identifier::text, current_database() from pg_control_system()`);
    return `PostgreSQL system ${row?.[0] ?? '?'}, database ${row?.[1] ?? '?'}`;
  },

  async inspect(ep): Promise<Inspection> {
    const [row] = await query(
      ep,
      `select pg_database_size(current_database()),
        (select count(*) from pg_class c join pg_namespace n on n.oid=c.relnamespace where c.relkind in ('r','p','v','m','S','f') and ${USER_SCHEMAS}),
        (select count(*) from pg_proc p join pg_namespace n on n.oid=p.pronamespace where ${USER_SCHEMAS}),
        (select count(*) from pg_largeobject_metadata)`,
    );
    const [size, rels, procs, los] = (row ?? []).map(Number);
    const objects = (rels ?? 0) + (procs ?? 0) + (los ?? 0);
    return { sizeBytes: size ?? 0, objects, empty: objects === 0 };
  },

  describe(src, dst, o) {
    const s = conn(src);
    const d = conn(dst);
    const owner = o.noOwner === false ? [] : ['--no-owner', '--no-acl'];
    const clean: string[] = [];
    const reset = o.force
      ? [describeCommand(psql(dst, '<drop every schema, recreate public, remove large objects>'))]
      : [];
    if ((o.jobs ?? 1) > 1) {
      return [
        ...reset,
        describeCommand({
          argv: ['pg_dump', '-Fd', '-j', String(o.jobs), ...owner, '-f', '<temporary folder>', '-d', s.dsn],
          env: s.env,
          transport: src.transport,
        }),
        describeCommand({
          argv: [
            'pg_restore',
            '-Fd',
            '-j',
            String(o.jobs),
            '--exit-on-error',
            ...owner,
            ...clean,
            '-d',
            d.dsn,
            '<temporary folder>',
          ],
          env: d.env,
          transport: dst.transport,
        }),
        describeCommand(psql(dst, 'ANALYZE')),
      ];
    }
    return [
      ...reset,
      `${describeCommand({ argv: ['pg_dump', '-Fc', ...owner, '-d', s.dsn], env: s.env, transport: src.transport })} | ${describeCommand({ argv: ['pg_restore', '--exit-on-error', ...owner, ...clean, '-d', d.dsn], env: d.env, transport: dst.transport })}`,
      describeCommand(psql(dst, 'ANALYZE')),
    ];
  },

  async run(src, dst, o): Promise<RunOutcome> {
    const s = conn(src);
    const d = conn(dst);
    const owner = o.noOwner === false ? [] : ['--no-owner', '--no-acl'];
    const clean: string[] = [];
    const notes: string[] = [];
    if (o.force && !(await this.inspect(dst)).empty) {
      await query(dst, RESET);
      notes.push('--force: the target database was emptied first (every schema dropped, large objects removed)');
    }
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
      if (o.keepDump) mkdirSync(o.keepDump, { recursive: true });
      try {
        const dump = await capture(
          {
            argv: [
              'pg_dump',
              '-Fd',
              '-j',
              String(o.jobs),
              ...owner,
              '-f',
              o.keepDump ? dir : path.join(dir, 'dump'),
              '-d',
              s.dsn,
            ],
            env: s.env,
            transport: src.transport,
          },
          undefined,
          o.signal,
        );
        if (dump.code !== 0)
          return {
            ok: false,
            bytes: 0,
            error: `pg_dump failed on the source: ${tail(dump.stderr)}. The target was not touched.`,
            notes,
          };
        const restore = await capture(
          {
            argv: [
              'pg_restore',
              '-Fd',
              '-j',
              String(o.jobs),
              '--exit-on-error',
              ...owner,
              ...clean,
              '-d',
              d.dsn,
              o.keepDump ? dir : path.join(dir, 'dump'),
            ],
            env: d.env,
            transport: dst.transport,
          },
          undefined,
          o.signal,
        );
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
        mkdirSync(o.keepDump, { recursive: true });
        teeTo = path.join(o.keepDump, `${s.db}-${stamp()}.dump`);
      }
      const r = await pipe(
        { argv: ['pg_dump', '-Fc', ...owner, '-d', s.dsn], env: s.env, transport: src.transport },
        {
          argv: ['pg_restore', '--exit-on-error', ...owner, ...clean, '-d', d.dsn],
          env: d.env,
          transport: dst.transport,
        },
        {
          ...(o.onBytes ? { onBytes: o.onBytes } : {}),
          ...(teeTo ? { teeTo } : {}),
          ...(o.signal ? { signal: o.signal } : {}),
        },
      );
      bytes = r.bytes;
      if (!r.ok) return { ok: false, bytes, error: explain(r, 'pg_dump', 'pg_restore'), notes };
      if (teeTo && r.sha256) {
        writeFileSync(`${teeTo}.sha256`, `${r.sha256}  ${path.basename(teeTo)}\n`);
        keptDump = { path: teeTo, sha256: r.sha256 };
      }
    }
    await query(dst, 'ANALYZE');
    notes.push('ANALYZE run on the target so the planner has statistics');
    return { ok: true, bytes, notes, ...(keptDump ? { keptDump } : {}) };
  },

  async verify(src, dst): Promise<Verification> {
    const [a, b] = await Promise.all([fingerprint(src), fingerprint(dst)]);
    return compareFingerprints(a, b);
  },
};

/** Every table's rows and checksum, every sequence's position, and counts of views, functions, indexes, large objects. */
async function fingerprint(ep: Endpoint): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Per table: whether every column's type hashes by value (else the table is hashed as text).
  const tables = await query(
    ep,
    `select quote_ident(n.nspname)||'.'||quote_ident(c.relname),
       coalesce(bool_and(coalesce(et.typnamespace, t.typnamespace) = 'pg_catalog'::regnamespace
         and coalesce(et.typname, t.typname) = any (array[${HASHED_BY_VALUE.map((x) => `'${x}'`).join(',')}])), true)
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     left join pg_type t on t.oid = a.atttypid
     left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
     where c.relkind in ('r','p') and ${USER_SCHEMAS} group by 1 order by 1`,
  );
  if (tables.length) {
    const rows = await query(
      ep,
      tables
        .map(
          ([t = '', byValue]) => `select '${t.replace(/'/g, "''")}', count(*), ${rowsum(byValue !== 't')} from ${t} r`,
        )
        .join(' union all '),
    );
    for (const [t, n, sum] of rows)
      out.set(
        `table ${t}`,
        `${n} rows, checksum ${(BigInt((sum ?? '0').split('.')[0] ?? '0') & ((1n << 64n) - 1n)).toString(36)}`,
      );
  }
  for (const [s, v] of await query(
    ep,
    `select quote_ident(schemaname)||'.'||quote_ident(sequencename), coalesce(last_value::text,'none') from pg_sequences where schemaname not in ('pg_catalog','information_schema') order by 1`,
  ))
    out.set(`sequence ${s}`, `at ${v}`);
  const [counts] = await query(
    ep,
    `select (select count(*) from pg_views v where v.schemaname not in ('pg_catalog','information_schema')),
      (select count(*) from pg_proc p join pg_namespace n on n.oid=p.pronamespace where ${USER_SCHEMAS}),
      (select count(*) from pg_indexes i where i.schemaname not in ('pg_catalog','information_schema')),
      (select count(*) from pg_largeobject_metadata),
      (select coalesce(sum(('x'||substr(md5(lo_get(oid)),1,15))::bit(60)::bigint::numeric),0) from pg_largeobject_metadata)`,
  );
  const [views, funcs, idx, los, losum] = counts ?? [];
  out.set('views', `${views}`);
  out.set('functions', `${funcs}`);
  out.set('indexes', `${idx}`);
  out.set('large objects', `${los}, checksum ${BigInt((losum ?? '0').split('.')[0] ?? '0').toString(36)}`);
  return out;
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}
