/**
 * A MySQL or MariaDB server (the Compose volume) holds every database its applications made, not
 * only the one MYSQL_DATABASE names: Ghost's compose file has an init script make `activitypub`
 * beside `ghost`. Moving the service moves each that holds data, each copied and verified on its
 * own; the system schemas (mysql, sys, information_schema, performance_schema) stay the target's.
 */
import { MigrateError, type Endpoint, type ServerDatabase } from '../types.js';
import { withDatabase } from '../url.js';
import { mysqlSide, query } from './mysql.js';

/** The schemas that are the server's own: they stay the target's. */
export const SYSTEM_SCHEMAS = ['mysql', 'information_schema', 'performance_schema', 'sys'];
const SYSTEM = `(${SYSTEM_SCHEMAS.map((s) => `'${s}'`).join(', ')})`;

/** A string as an SQL literal (MySQL: backslashes escaped too). */
const literal = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const ident = (v: string) => `\`${v.replace(/`/g, '``')}\``;

/** The server asked without a database of the URL's (which may be the one still to make). */
const server = (ep: Endpoint): Endpoint => ({ ...ep, url: withDatabase(ep.url, 'information_schema') });

/**
 * Each schema of the server with the tables, views, routines and events it holds (columns `name`
 * and `n`), system schemas left out: the engine's listing and the in-cluster Job's guard.
 */
export const SCHEMA_OBJECTS = `select s.schema_name as name, (select count(*) from information_schema.tables t where t.table_schema = s.schema_name) + (select count(*) from information_schema.routines r where r.routine_schema = s.schema_name) + (select count(*) from information_schema.events e where e.event_schema = s.schema_name) as n from information_schema.schemata s where s.schema_name not in ${SYSTEM}`;

/** Tables, views, routines and events per schema of the server, system schemas left out. */
async function schemas(ep: Endpoint): Promise<Map<string, number>> {
  const rows = await query(server(ep), `${SCHEMA_OBJECTS} order by 1`);
  return new Map(rows.map(([name = '', n = '0']) => [name, Number(n)]));
}

/**
 * The databases of the source's server to move: the URL's own first (always), then every other one
 * that holds tables, views, routines or events; each said with whether the target has it.
 */
export async function mysqlDatabases(src: Endpoint, dst: Endpoint): Promise<ServerDatabase[]> {
  const ownName = mysqlSide(src.url).database;
  const [source, target] = await Promise.all([schemas(src), schemas(dst)]);
  // A system schema the URL names (`mysql`, when the Compose file sets no MYSQL_DATABASE) is only
  // where the connection lands: the target keeps its own users and grants.
  const own = source.has(ownName) ? [ownName] : [];
  return [...own, ...[...source.keys()].filter((n) => n !== ownName)]
    .filter((name) => name === ownName || (source.get(name) ?? 0) > 0)
    .map((name) => ({ name, own: name === ownName, objects: source.get(name) ?? 0, onTarget: target.has(name) }));
}

/** Creates a database the target lacks with the source's character set and collation. */
export async function createMysqlDatabase(src: Endpoint, dst: Endpoint, name: string): Promise<string> {
  const [row] = await query(
    server(src),
    `select default_character_set_name, default_collation_name from information_schema.schemata where schema_name = ${literal(name)}`,
  );
  if (!row) throw new MigrateError(`the source has no database ${name}`);
  const [charset = 'utf8mb4', collation = 'utf8mb4_general_ci'] = row;
  await query(server(dst), `create database ${ident(name)} character set ${charset} collate ${collation}`);
  return `created database ${name} on the target (${charset}, ${collation}); the grants on it are the server's (mysql.*), not copied: give the application's user its privileges there`;
}
