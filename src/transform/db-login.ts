/**
 * Shell that logs in to a database the way the database's own image does: from the variables the
 * service sets, or their `*_FILE` forms (a mounted Secret, as Compose `secrets:` become), never a
 * password on a command line. Used by the backup CronJob and by the runbook's restore, so both log
 * in exactly as the service does.
 */

// val NAME: the value of NAME, else the content of the file NAME_FILE names, else empty.
const VAL =
  'val() { eval "v=\\${$1:-}"; if [ -z "$v" ]; then eval "f=\\${$1_FILE:-}"; if [ -n "$f" ] && [ -r "$f" ]; then v=$(cat "$f"); fi; fi; printf "%s" "$v"; }';

/** Variables the prelude sets: PGPASSWORD with U and D (postgres), MYSQL_PWD (mysql), U and a config file (mongodb), REDISCLI_AUTH (redis). */
export function loginPrelude(engine: string, redisPasswordVar?: string): string {
  switch (engine) {
    case 'postgres':
      return `${VAL}; P=$(val POSTGRES_PASSWORD); export PGPASSWORD="\${P:-\${PGPASSWORD:-}}"; U=$(val POSTGRES_USER); U="\${U:-postgres}"; D=$(val POSTGRES_DB); D="\${D:-$U}"`;
    case 'mysql':
      return `${VAL}; P=$(val MARIADB_ROOT_PASSWORD); [ -n "$P" ] || P=$(val MYSQL_ROOT_PASSWORD); export MYSQL_PWD="$P"`;
    case 'mongodb':
      // mongodump and mongorestore read the password from a config file: not from their arguments.
      // A YAML block scalar takes the password as it is, with no quoting (the script sits in single quotes).
      return `${VAL}; U=$(val MONGO_INITDB_ROOT_USERNAME); P=$(val MONGO_INITDB_ROOT_PASSWORD); printf "password: |-\\n  %s\\n" "$P" > /tmp/mongo-login.yaml`;
    case 'redis':
      return `${VAL}; P=$(val REDIS_PASSWORD); ${redisPasswordVar ? `P="\${P:-\${${redisPasswordVar}:-}}"; ` : ''}if [ -n "$P" ]; then export REDISCLI_AUTH="$P"; fi`;
    default:
      return VAL;
  }
}

/** The variable a Redis container's `--requirepass $(VAR)` argument names (the command-secrets pass wrote it). */
export function requirepassVar(args: readonly string[] | undefined): string | undefined {
  const all = args ?? [];
  for (const [i, a] of all.entries()) {
    const value = a === '--requirepass' ? all[i + 1] : a.startsWith('--requirepass=') ? a.slice(14) : undefined;
    const name = value ? /^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$/.exec(value)?.[1] : undefined;
    if (name) return name;
  }
  return undefined;
}
