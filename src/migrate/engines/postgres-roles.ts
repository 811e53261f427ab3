import { MigrateError, type Endpoint } from '../types.js';
import { USER_SCHEMAS, literal, query } from './postgres-sql.js';

/**
 * Roles are global to a PostgreSQL cluster, so pg_dump does not carry them: a dump that names an
 * owner or a grantee the target lacks fails half-way through the restore. These helpers find the
 * roles the source's data needs, and create the missing ones on the target before anything else.
 */

// Grantees of an ACL column (0 is PUBLIC, which every cluster has).
const acl = (column: string, from: string, where: string) =>
  `select pg_get_userbyid(g.grantee) from ${from} cross join lateral aclexplode(${column}) g where ${where} and g.grantee <> 0`;

/** Every role that owns something in a database or is granted something there, one per line. */
export const NEEDED_ROLES = `select distinct r from (
       select pg_get_userbyid(c.relowner) r from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${USER_SCHEMAS}
       union select pg_get_userbyid(n.nspowner) from pg_namespace n where ${USER_SCHEMAS}
       union select pg_get_userbyid(p.proowner) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${USER_SCHEMAS}
       union select pg_get_userbyid(t.typowner) from pg_type t join pg_namespace n on n.oid = t.typnamespace where ${USER_SCHEMAS}
       union select pg_get_userbyid(lomowner) from pg_largeobject_metadata
       union select pg_get_userbyid(defaclrole) from pg_default_acl
       union ${acl('c.relacl', 'pg_class c join pg_namespace n on n.oid = c.relnamespace', USER_SCHEMAS)}
       union ${acl('n.nspacl', 'pg_namespace n', USER_SCHEMAS)}
       union ${acl('p.proacl', 'pg_proc p join pg_namespace n on n.oid = p.pronamespace', USER_SCHEMAS)}
       union ${acl('d.defaclacl', 'pg_default_acl d', 'true')}
     ) x where r is not null and r <> '-' and r not like 'pg\\_%' order by 1`;

/** Every role that owns something in the source database or is granted something there (pg_* built-ins left out). */
async function neededRoles(ep: Endpoint): Promise<string[]> {
  const rows = await query(ep, NEEDED_ROLES);
  return rows.map(([r = '']) => r).filter((r) => r !== '');
}

/** The roles the source's data needs that the target does not have. */
export async function missingRoles(src: Endpoint, dst: Endpoint): Promise<string[]> {
  const needed = await neededRoles(src);
  if (!needed.length) return [];
  const list = `array[${needed.map(literal).join(',')}]::text[]`;
  const present = new Set(
    (await query(dst, `select rolname from pg_roles where rolname = any(${list})`)).map(([r]) => r),
  );
  return needed.filter((r) => !present.has(r));
}

/**
 * Makes sure the target has the roles the source's data needs. Missing ones stop the run before
 * anything is written, unless `copy` is set: then they are created with the source's attributes
 * (never superuser) and memberships, and with their password hashes only when `passwords` is set.
 * Returns what was done, for the run's notes.
 */
export async function ensureRoles(src: Endpoint, dst: Endpoint, copy: boolean, passwords: boolean): Promise<string[]> {
  const missing = await missingRoles(src, dst);
  if (!missing.length) return [];
  if (!copy)
    throw new MigrateError(
      `the target lacks the roles ${missing.join(', ')}, which own or are granted objects in the source. Create them, run again with --copy-roles (attributes and memberships, no passwords; add --role-passwords to copy those too), or with --no-owner to copy without owners and grants. Nothing was written.`,
    );
  const wanted = `array[${missing.map(literal).join(',')}]::text[]`;
  let script: string[][];
  try {
    script = await query(
      src,
      rolesScript(passwords ? 'pg_authid' : 'pg_roles', (r) => `${r} = any(${wanted})`),
    );
  } catch (e) {
    if (passwords)
      throw new MigrateError(
        `reading the roles' password hashes needs a superuser on the source (${(e as Error).message}); run without --role-passwords and set the passwords on the target yourself. Nothing was written.`,
      );
    throw e;
  }
  await query(dst, script.map((columns) => columns.join('\t')).join('\n'));
  return [
    `created the roles ${missing.join(', ')} on the target (attributes, settings and memberships${passwords ? ', password hashes' : '; set their passwords before the applications log in'})`,
  ];
}

/** `ALTER DATABASE … SET` and `ALTER ROLE … IN DATABASE … SET`: kept in the cluster, not in the dump. */
export async function copyDatabaseSettings(src: Endpoint, dst: Endpoint, withRoles: boolean): Promise<string[]> {
  const rows = await query(
    src,
    `select coalesce(pg_get_userbyid(nullif(s.setrole, 0)), ''), unnest(s.setconfig)
     from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase
     where d.datname = current_database() order by 1, 2`,
  );
  const statements = rows
    .filter(([role]) => withRoles || role === '')
    .map(([role = '', setting = '']) => {
      const eq = setting.indexOf('=');
      const [name, value] = [setting.slice(0, eq), setting.slice(eq + 1)];
      return role
        ? `execute format('alter role %I in database %I set %s = %L', ${literal(role)}, current_database(), ${literal(name)}, ${literal(value)});`
        : `execute format('alter database %I set %s = %L', current_database(), ${literal(name)}, ${literal(value)});`;
    });
  if (!statements.length) return [];
  await query(dst, `do $$ begin ${statements.join(' ')} end $$`);
  return [`${statements.length} database setting${statements.length === 1 ? '' : 's'} copied (ALTER DATABASE … SET)`];
}

/**
 * A role's CREATE ROLE statement from `a` (a row of pg_roles or pg_authid): its attributes (never
 * SUPERUSER: the target's superuser is its own) and its password hash where `a` shows one.
 */
const CREATE_ROLE = `format('create role %I with %s %s %s %s %s %s connection limit %s', a.rolname,
         case when a.rolcanlogin then 'login' else 'nologin' end, case when a.rolcreatedb then 'createdb' else 'nocreatedb' end,
         case when a.rolcreaterole then 'createrole' else 'nocreaterole' end, case when a.rolinherit then 'inherit' else 'noinherit' end,
         case when a.rolreplication then 'replication' else 'noreplication' end, case when a.rolbypassrls then 'bypassrls' else 'nobypassrls' end,
         a.rolconnlimit) || coalesce(' password ' || quote_literal(nullif(a.rolpassword, '********')), '')`;

/**
 * The roles of a cluster as a psql script, one statement a line, for a cluster that lacks them: a
 * new one restoring a backup of databases whose owners and grants name them (pg_dump carries none),
 * or the target of a move. Every role but the built-in ones and the connected user (and, given
 * `only`, those it admits), each made only where it is missing (a role the cluster has keeps its
 * password and attributes), with its own settings; then their memberships, each where both roles
 * exist. Read `from` pg_authid, whose password hashes only a superuser may read (the official
 * image's POSTGRES_USER is one), or pg_roles, which shows none.
 */
export function rolesScript(from: string, only: (role: string) => string = () => 'true'): string {
  const settings = `coalesce((select string_agg(format('alter role %I set %s = %L;', a.rolname, split_part(c, '=', 1), substr(c, strpos(c, '=') + 1)), ' ')
       from pg_db_role_setting s cross join unnest(s.setconfig) c where s.setrole = a.oid and s.setdatabase = 0), '')`;
  const [member, role] = ['pg_get_userbyid(m.member)', 'pg_get_userbyid(m.roleid)'];
  return `select line from (
     select 1 k, a.rolname n, format('do $stevedore$ begin if not exists (select from pg_roles where rolname = %L) then %s; %s end if; end $stevedore$;',
       a.rolname, ${CREATE_ROLE}, ${settings}) line
     from ${from} a where a.rolname !~ '^pg_' and a.rolname <> current_user and ${only('a.rolname')}
     union all
     select 2, ${member}, format('do $stevedore$ begin if exists (select from pg_roles where rolname = %L) and exists (select from pg_roles where rolname = %L) then grant %I to %I%s; end if; end $stevedore$;',
       ${role}, ${member}, ${role}, ${member}, case when m.admin_option then ' with admin option' else '' end)
     from pg_auth_members m where ${member} !~ '^pg_' and ${member} <> current_user and ${only(member)}
   ) x order by k, n, line`.replace(/\s+/g, ' ');
}
