import { capture, tail, type Command } from '../../io/exec.js';
import { MigrateError, type Endpoint } from '../types.js';
import { hideSecret, parseUrl } from '../url.js';

/** The URL without its password (which travels in PGPASSWORD) for the tools' -d argument. */
export function conn(ep: Endpoint): { dsn: string; env: Record<string, string>; db: string } {
  const u = parseUrl(ep.url);
  if (u.scheme !== 'postgres' && u.scheme !== 'postgresql')
    throw new MigrateError(`${hideSecret(ep.url)} is not a postgres:// URL`);
  // The password travels in the environment, never on the command line (where ps shows it).
  const url = new URL(ep.url);
  url.password = '';
  const password = u.password ?? url.searchParams.get('password') ?? undefined;
  url.searchParams.delete('password');
  return {
    dsn: url.toString(),
    env: password ? { PGPASSWORD: password } : {},
    db: u.database ?? u.user ?? 'postgres',
  };
}

/** psql with unaligned, tab-separated rows and no header, stopping at the first error; `what` says what it runs. */
function psqlRun(ep: Endpoint, what: readonly string[]): Command {
  const c = conn(ep);
  return {
    argv: ['psql', '-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-F', '\t', '-d', c.dsn, ...what],
    env: c.env,
    transport: ep.transport,
  };
}

export function psql(ep: Endpoint, sql: string): Command {
  return psqlRun(ep, ['-c', sql]);
}

/** One psql run of a script given on its standard input (backslash commands such as \\gexec allowed). */
function psqlScript(ep: Endpoint): Command {
  return psqlRun(ep, ['-f', '-']);
}

export async function query(ep: Endpoint, sql: string): Promise<string[][]> {
  return rowsOf(ep, await capture(psql(ep, sql)));
}

/** Rows of a psql script run from standard input, as {@link query} gives them. */
export async function queryScript(ep: Endpoint, script: string): Promise<string[][]> {
  return rowsOf(ep, await capture(psqlScript(ep), script));
}

function rowsOf(ep: Endpoint, r: { code: number | null; stdout: string; stderr: string }): string[][] {
  if (r.code !== 0)
    throw new MigrateError(
      `PostgreSQL at ${hideSecret(ep.url)}${ep.transport.prefix.length ? ` (through ${ep.transport.name})` : ''}: ${serverError(r.stderr) || `psql exited with ${r.code}`}`,
    );
  return r.stdout
    .split('\n')
    .filter((l) => l.length)
    .map((l) => l.split('\t'));
}

/** The server's own words: its ERROR/FATAL line and any DETAIL or HINT, not the echo of the query. */
function serverError(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => /^(psql: )?(ERROR|FATAL|DETAIL|HINT|error):?/.test(l.trim()));
  return lines.length ? lines.join(' ').replace(/\s+/g, ' ').slice(0, 500) : tail(stderr, 2);
}

/** The schemas a user's data lives in: everything but the catalogs, TOAST and temporary schemas. */
export const USER_SCHEMAS =
  "n.nspname not in ('pg_catalog','information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'";

/** A text value as an SQL string literal. */
export const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** What a database holds that a copy would collide with: relations, functions, large objects. */
export const OBJECT_COUNT = `(select count(*) from pg_class c join pg_namespace n on n.oid=c.relnamespace where c.relkind in ('r','p','v','m','S','f') and ${USER_SCHEMAS})
  + (select count(*) from pg_proc p join pg_namespace n on n.oid=p.pronamespace where ${USER_SCHEMAS})
  + (select count(*) from pg_largeobject_metadata)`;

/** The databases of a server a client may connect to: not the templates (a `where` clause of pg_database). */
export const CONNECTABLE = 'datallowconn and not datistemplate';
