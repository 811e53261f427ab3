import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The PostgreSQL client tools run on this machine, and where Debian and Ubuntu keep them. There,
 * `psql`, `pg_dump` and the others on the PATH are links to `pg_wrapper`, a Perl script that picks a
 * version and then runs the real binary: each start costs a Perl interpreter (a few hundredths of a
 * second idle, a tenth on a busy machine), and a verification starts psql several times on its
 * critical path.
 */
const PG_TOOLS = new Set(['psql', 'pg_dump', 'pg_restore', 'pg_dumpall', 'pg_isready']);

export interface ToolPlaces {
  /** Where the versions' folders are (`<root>/<major>/bin/<tool>`). */
  readonly libRoot: string;
  /** The user's ~/.postgresqlrc, which maps databases to clusters for pg_wrapper. */
  readonly userRc: string;
  /** The system-wide map of the same. */
  readonly userClusters: string;
}

const DEBIAN: ToolPlaces = {
  libRoot: '/usr/lib/postgresql',
  userRc: path.join(homedir(), '.postgresqlrc'),
  userClusters: '/etc/postgresql-common/user_clusters',
};

/** The first executable file called `name` on `PATH`, or undefined. */
function onPath(name: string, PATH: string): string | undefined {
  for (const dir of PATH.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Whether a user_clusters or .postgresqlrc file has an entry (not only comments). */
function hasEntries(file: string): boolean {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  } catch {
    return false;
  }
}

/**
 * The file to run for a local command `name`: for a PostgreSQL client tool that the PATH reaches
 * through Debian's pg_wrapper, the newest installed version's own binary, which is the version
 * pg_wrapper itself runs for psql (its clients read older servers; pg_dump must be at least the
 * server's version). Wherever the user told pg_wrapper otherwise (PGCLUSTER, ~/.postgresqlrc, an
 * entry in user_clusters), and for any other tool or layout, `name` as it is, found on the PATH.
 */
export function localTool(name: string, env: NodeJS.ProcessEnv = process.env, places: ToolPlaces = DEBIAN): string {
  if (!PG_TOOLS.has(name) || env.PGCLUSTER) return name;
  const found = onPath(name, env.PATH ?? '');
  if (!found) return name;
  let real: string;
  try {
    real = realpathSync(found);
  } catch {
    return name;
  }
  if (!real.endsWith(`${path.sep}postgresql-common${path.sep}pg_wrapper`)) return name;
  if (existsSync(places.userRc) || hasEntries(places.userClusters)) return name;
  let versions: string[];
  try {
    versions = readdirSync(places.libRoot).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    return name;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const file = path.join(places.libRoot, v, 'bin', name);
    if (existsSync(file)) return file;
  }
  return name;
}
