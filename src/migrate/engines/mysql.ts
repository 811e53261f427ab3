import { inClusterHint } from '../in-cluster-hint.js';
import { capture, describeCommand, pipe, tail, type Command } from '../../io/exec.js';
import { freeKib, spaceCheck, versionCheck, warning } from '../checks.js';
import {
  MigrateError,
  type Endpoint,
  type Engine,
  type Inspection,
  type RunOutcome,
  type Verification,
} from '../types.js';
import { compareFingerprints } from '../compare.js';
import { hideSecret, parseUrl } from '../url.js';
import { explain } from '../explain.js';
import { MYSQL_CHECKS, MYSQL_DEFINITIONS, mergeRows } from './mysql-fingerprint.js';
import { createMysqlDatabase, mysqlDatabases } from './mysql-databases.js';
import { withDatabase } from '../url.js';

interface Conn {
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly db: string;
  readonly client: string;
  readonly dump: string;
}

/** One side of a MySQL or MariaDB copy: where it is, who logs in, which database; the password apart. */
export interface MysqlSide {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password: string;
  /** mariadb:// names the MariaDB tools, mysql:// the MySQL ones. */
  readonly maria: boolean;
}

/** A mysql:// or mariadb:// URL, checked: the one parser for the engine and the in-cluster Job. */
export function mysqlSide(url: string): MysqlSide {
  const u = parseUrl(url);
  if (u.scheme !== 'mysql' && u.scheme !== 'mariadb')
    throw new MigrateError(`${hideSecret(url)} is not a mysql:// URL`);
  if (!u.database)
    throw new MigrateError(
      `${hideSecret(url)} names no database: add it as the path, e.g. mysql://user:pw@host:3306/shop`,
    );
  return {
    host: u.host,
    port: u.port ?? 3306,
    user: u.user ?? 'root',
    database: u.database,
    password: u.password ?? u.params.get('password') ?? '',
    maria: u.scheme === 'mariadb',
  };
}

/** mysql:// uses the mysql tools, mariadb:// the mariadb ones; the password travels in MYSQL_PWD. */
function conn(ep: Endpoint): Conn {
  const m = mysqlSide(ep.url);
  return {
    args: ['--no-defaults', '-h', m.host, '-P', String(m.port), '-u', m.user],
    env: m.password ? { MYSQL_PWD: m.password } : {},
    db: m.database,
    client: m.maria ? 'mariadb' : 'mysql',
    dump: m.maria ? 'mariadb-dump' : 'mysqldump',
  };
}

export async function query(ep: Endpoint, sql: string): Promise<string[][]> {
  const c = conn(ep);
  const r = await capture({
    argv: [c.client, ...c.args, '-N', '-B', '-e', sql, c.db],
    env: c.env,
    transport: ep.transport,
  });
  if (r.code !== 0)
    throw new MigrateError(
      `MySQL at ${hideSecret(ep.url)}${ep.transport.prefix.length ? ` (through ${ep.transport.name})` : ''}: ${tail(r.stderr, 2) || `exit ${r.code}`}`,
    );
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

const dumpCommand = (ep: Endpoint): Command => {
  const c = conn(ep);
  return {
    argv: [
      c.dump,
      ...c.args,
      '--single-transaction',
      '--routines',
      '--triggers',
      '--events',
      '--hex-blob',
      '--no-tablespaces',
      '--add-drop-table',
      c.db,
    ],
    env: c.env,
    transport: ep.transport,
  };
};
const restoreCommand = (ep: Endpoint): Command => {
  const c = conn(ep);
  return { argv: [c.client, ...c.args, c.db], env: c.env, transport: ep.transport };
};

export const mysqlEngine: Engine = {
  id: 'mysql',
  schemes: ['mysql', 'mariadb'],
  method:
    'mysqldump --single-transaction --routines --triggers streamed into mysql (a consistent snapshot; the source keeps running); verified by row counts, CHECKSUM TABLE and every definition (columns, indexes, keys, views, routines, triggers, events)',

  plan({ workload, knowledge, plain, has, source, target }) {
    const db = plain('MYSQL_DATABASE') ?? plain('MARIADB_DATABASE') ?? 'mysql';
    const scheme = knowledge?.id === 'mariadb' ? 'mariadb' : 'mysql';
    const pw = has('MARIADB_ROOT_PASSWORD') ? 'MARIADB_ROOT_PASSWORD' : 'MYSQL_ROOT_PASSWORD';
    const url = `${scheme}://root:\${${pw}}@localhost:3306/${encodeURIComponent(db)}`;
    return [
      {
        source: source(url),
        target: target(url),
        needs: [pw],
        notes: [
          `export ${pw} with the root password before running`,
          `moves the whole server: ${db === 'mysql' ? 'every database' : `${db} and every other database`} on it that holds data (an application or an init script may make its own), each copied and verified on its own; one the target lacks is created with the source's character set (the system schemas and the grants stay the target's)`,
          inClusterHint(
            { workload, has },
            {
              scheme,
              port: 3306,
              user: 'root:',
              passwordVars: [pw],
              path: `/${encodeURIComponent(db)}`,
              does: 'runs the copy and its verification of every database on the server that holds data as a Job in the target namespace',
            },
          ),
        ],
      },
    ];
  },

  async identify(ep) {
    // MySQL has @@server_uuid, MariaDB @@server_uid: each is unique to one server's data directory.
    let id: string | undefined;
    for (const v of ['@@server_uuid', '@@server_uid']) {
      try {
        id = (await query(ep, `select ${v}`))[0]?.[0];
        if (id) break;
      } catch {
        // not this flavour
      }
    }
    if (!id) {
      const [row] = await query(ep, 'select @@hostname, @@datadir, @@port');
      id = (row ?? []).join(':');
    }
    return `MySQL server ${id}, database ${conn(ep).db}`;
  },

  async preflight(src, dst, { source }) {
    const version = async (ep: Endpoint) => (await query(ep, 'select version()'))[0]?.[0] ?? '?';
    const [sv, tv] = await Promise.all([version(src), version(dst)]);
    const flavour = (v: string) => (/mariadb/i.test(v) ? 'MariaDB' : 'MySQL');
    const checks = [
      flavour(sv) === flavour(tv)
        ? versionCheck('server versions', sv, tv, 'a dump of a newer server may use what an older one lacks')
        : warning(
            'server versions',
            `${flavour(sv)} ${sv} → ${flavour(tv)} ${tv}: a dump between the two may need editing`,
          ),
    ];
    const [[dir = ''] = []] = await query(dst, 'select @@datadir');
    checks.push(spaceCheck(await freeKib(dst, dir), source.sizeBytes, `the target's data directory ${dir}`));
    return checks;
  },

  databases: mysqlDatabases,
  createDatabase: createMysqlDatabase,
  withDatabase,

  async inspect(ep): Promise<Inspection> {
    const c = conn(ep);
    const [row] = await query(
      ep,
      `select count(*), coalesce(sum(data_length + index_length), 0) from information_schema.tables where table_schema = '${c.db.replace(/'/g, "''")}'`,
    );
    const [routines] = await query(
      ep,
      `select count(*) from information_schema.routines where routine_schema = '${c.db.replace(/'/g, "''")}'`,
    );
    const objects = Number(row?.[0] ?? 0) + Number(routines?.[0] ?? 0);
    return { sizeBytes: Number(row?.[1] ?? 0), objects, empty: objects === 0 };
  },

  describe(src, dst, o) {
    return [
      ...(o.force
        ? [
            describeCommand({
              ...restoreCommand(dst),
              argv: [
                ...restoreCommand(dst).argv.slice(0, -1),
                '-e',
                '<drop every table, view and routine>',
                conn(dst).db,
              ],
            }),
          ]
        : []),
      `${describeCommand(dumpCommand(src))} | ${describeCommand(restoreCommand(dst))}`,
    ];
  },

  async run(src, dst, o): Promise<RunOutcome> {
    const notes: string[] = [];
    if (o.force && !(await this.inspect(dst)).empty) {
      const c = conn(dst);
      const db = c.db.replace(/`/g, '``');
      await query(dst, `drop database \`${db}\`; create database \`${db}\``);
      notes.push('--force: the target database was dropped and created again');
    }
    const r = await pipe(dumpCommand(src), restoreCommand(dst), {
      ...(o.onBytes ? { onBytes: o.onBytes } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    if (!r.ok) return { ok: false, bytes: r.bytes, error: explain(r, conn(src).dump, conn(dst).client), notes };
    return { ok: true, bytes: r.bytes, notes };
  },

  async verify(src, dst): Promise<Verification> {
    const [a, b] = await Promise.all([fingerprint(src), fingerprint(dst)]);
    return compareFingerprints(a, b);
  },
};

/**
 * Rows, CHECKSUM TABLE … EXTENDED (whole rows, in any order) and the next id per table; then every
 * definition (columns, indexes, foreign keys, views, routines, triggers, events, check constraints).
 */
async function fingerprint(ep: Endpoint): Promise<Map<string, string>> {
  const db = conn(ep).db.replace(/'/g, "''");
  const out = new Map<string, string>();
  const tables = (
    await query(
      ep,
      `select table_name from information_schema.tables where table_schema = '${db}' and table_type = 'BASE TABLE' order by 1`,
    )
  ).map((r) => r[0] ?? '');
  if (tables.length) {
    const counts = await query(
      ep,
      tables
        .map((t) => `select '${t.replace(/'/g, "''")}', count(*) from \`${t.replace(/`/g, '``')}\``)
        .join(' union all '),
    );
    const sums = new Map(
      (await query(ep, `checksum table ${tables.map((t) => `\`${t.replace(/`/g, '``')}\``).join(', ')} extended`)).map(
        (r) => [(r[0] ?? '').split('.').slice(1).join('.'), r[1] ?? ''],
      ),
    );
    // The next id each table hands out: a copy that restarts it would collide with ids already used.
    const next = new Map(
      (
        await query(
          ep,
          `select table_name, coalesce(auto_increment, '-') from information_schema.tables where table_schema = '${db}' and table_type = 'BASE TABLE'`,
        )
      ).map(([t = '', n = '']) => [t, n]),
    );
    for (const [t = '', n] of counts)
      out.set(`table ${t}`, `${n} rows, checksum ${sums.get(t) ?? '?'}, next id ${next.get(t) ?? '-'}`);
  }
  mergeRows(await query(ep, MYSQL_DEFINITIONS), out);
  try {
    mergeRows(await query(ep, MYSQL_CHECKS), out);
  } catch {
    // A server without information_schema.check_constraints (MySQL before 8.0.16) has none to compare.
  }
  return out;
}
