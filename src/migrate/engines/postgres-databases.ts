/**
 * A PostgreSQL server (the Compose volume) holds every database its applications made, not only the
 * one POSTGRES_DB names: Plausible's image creates `plausible_db` beside the `postgres` the plan
 * names. Moving the service moves each database that holds data, each copied and verified on its
 * own, a database the target lacks created as the source has it.
 */
import { MigrateError, type Endpoint, type ServerDatabase } from '../types.js';
import { CONNECTABLE, OBJECT_COUNT, literal, query } from './postgres-sql.js';
import { withDatabase } from '../url.js';

const on = (ep: Endpoint, name: string): Endpoint => ({ ...ep, url: withDatabase(ep.url, name) });

/** The databases a client may connect to (not the templates). */
async function connectable(ep: Endpoint): Promise<string[]> {
  const rows = await query(ep, `select datname from pg_database where ${CONNECTABLE} order by 1`);
  return rows.map(([n = '']) => n).filter(Boolean);
}

/**
 * The databases of the source's server to move: the URL's own first (always), then every other one
 * that holds relations, functions or large objects; each said with whether the target has it.
 */
export async function postgresDatabases(src: Endpoint, dst: Endpoint): Promise<ServerDatabase[]> {
  const [own] = (await query(src, 'select current_database()'))[0] ?? [];
  const [names, onTarget] = await Promise.all([
    connectable(src),
    // The target's own database may be the one still to make: its server is then asked through `postgres`.
    connectable(dst)
      .catch(() => connectable(on(dst, 'postgres')))
      .then((n) => new Set(n)),
  ]);
  const out: ServerDatabase[] = [];
  for (const name of [own ?? '', ...names.filter((n) => n !== own)]) {
    let count: string;
    try {
      [[count = '0'] = []] = await query(on(src, name), `select ${OBJECT_COUNT}`);
    } catch (e) {
      // A database the user cannot read is one the move would leave behind: said, never skipped.
      throw new MigrateError(
        `the source's server holds database ${name}, which this user cannot read (${(e as Error).message}): a move of the server would leave it behind. Grant CONNECT on it, or move with a user that can read every database`,
      );
    }
    if (name === own || Number(count) > 0)
      out.push({ name, own: name === own, objects: Number(count), onTarget: onTarget.has(name) });
  }
  return out;
}

/**
 * Creates a database the target lacks, as the source has it: its encoding and locale (from
 * template0, which takes any), and its owner when the target has that role. Returns what was done.
 */
export async function createPostgresDatabase(src: Endpoint, dst: Endpoint, name: string): Promise<string> {
  const [row] = await query(
    src,
    `select pg_encoding_to_char(encoding), datcollate, datctype, pg_get_userbyid(datdba) from pg_database where datname = ${literal(name)}`,
  );
  if (!row) throw new MigrateError(`the source has no database ${name}`);
  const [encoding = 'UTF8', collate = 'C', ctype = 'C', owner = ''] = row;
  const [[hasOwner = 'f'] = []] = await query(
    dst.url === withDatabase(dst.url, name) ? on(dst, 'postgres') : dst,
    `select exists (select 1 from pg_roles where rolname = ${literal(owner)})`,
  );
  const ownedBy = hasOwner === 't' ? ` owner ${ident(owner)}` : '';
  await query(
    dst.url === withDatabase(dst.url, name) ? on(dst, 'postgres') : dst,
    `create database ${ident(name)} template template0 encoding ${literal(encoding)} lc_collate ${literal(collate)} lc_ctype ${literal(ctype)}${ownedBy}`,
  );
  return `created database ${name} on the target (${encoding}, ${collate}${ownedBy ? `, owned by ${owner}` : `; its owner ${owner} is not on the target, so it belongs to the target URL's user`})`;
}

/** An identifier quoted for SQL. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
