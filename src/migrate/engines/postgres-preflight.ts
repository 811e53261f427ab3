import { capture } from '../../io/exec.js';
import { fail, freeKib, ok, spaceCheck, versionCheck, warning } from '../checks.js';
import type { Endpoint, PreflightCheck, PreflightInput } from '../types.js';
import { query } from './postgres-sql.js';
import { missingRoles } from './postgres-roles.js';

/** A tool's version as the side that runs it has it (`pg_dump (PostgreSQL) 15.4` → `15.4`). */
async function toolVersion(ep: Endpoint, tool: string): Promise<string | undefined> {
  const r = await capture({ argv: [tool, '--version'], transport: ep.transport });
  return r.code === 0 ? /(\d+(?:\.\d+)?)/.exec(r.stdout)?.[1] : undefined;
}

const serverVersion = async (ep: Endpoint) =>
  (await query(ep, `select current_setting('server_version')`))[0]?.[0]?.split(' ')[0] ?? '?';

/**
 * PostgreSQL before a move: the target server no older than the source; pg_dump (on the source side)
 * no older than the source server, pg_restore (on the target side) no older than that pg_dump; every
 * extension the source uses available on the target; the roles the data needs there (or created by
 * --copy-roles); room for the database on the target's data directory.
 */
export async function postgresPreflight(
  src: Endpoint,
  dst: Endpoint,
  input: PreflightInput,
): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  const [sv, tv, dump, restore] = await Promise.all([
    serverVersion(src),
    serverVersion(dst),
    toolVersion(src, 'pg_dump'),
    toolVersion(dst, 'pg_restore'),
  ]);
  checks.push(versionCheck('server versions', sv, tv, 'a dump of a newer server does not restore into an older one'));
  checks.push(
    dump === undefined
      ? fail('pg_dump on the source side', 'not found')
      : versionCheck('pg_dump on the source side', sv, dump, 'pg_dump refuses a server newer than itself'),
  );
  if (restore === undefined) checks.push(fail('pg_restore on the target side', 'not found'));
  else if (dump !== undefined)
    checks.push(
      versionCheck(
        'pg_restore on the target side',
        dump,
        restore,
        'pg_restore cannot read the dump of a newer pg_dump',
      ),
    );
  const used = (await query(src, `select extname from pg_extension where extname <> 'plpgsql' order by 1`)).map(
    ([e = '']) => e,
  );
  const available = new Set((await query(dst, `select name from pg_available_extensions`)).map(([e]) => e));
  const absent = used.filter((e) => !available.has(e));
  checks.push(
    absent.length
      ? fail('extensions', `${absent.join(', ')} used by the source, not installed on the target's server`)
      : ok('extensions', used.length ? `${used.join(', ')}: available on the target` : 'none used'),
  );
  const o = input.options;
  const missing = o.noOwner ? [] : await missingRoles(src, dst);
  checks.push(
    o.noOwner
      ? ok('roles', 'not needed: --no-owner copies without owners and grants')
      : !missing.length
        ? ok('roles', 'every role that owns or is granted something is on the target')
        : o.copyRoles
          ? ok('roles', `${missing.join(', ')}: created by the run (--copy-roles)`)
          : fail(
              'roles',
              `the target lacks ${missing.join(', ')}: create them, or run with --copy-roles or --no-owner`,
            ),
  );
  try {
    const [[dir = ''] = []] = await query(dst, `select current_setting('data_directory')`);
    checks.push(spaceCheck(await freeKib(dst, dir), input.source.sizeBytes, `the target's data directory ${dir}`));
  } catch {
    checks.push(warning('space on the target', 'the target role may not read data_directory: free space not checked'));
  }
  return checks;
}
