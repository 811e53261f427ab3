import { MYSQL_CHECKS, MYSQL_DEFINITIONS } from './engines/mysql-fingerprint.js';
import {
  heredoc,
  pairChecks,
  perDatabaseVerdict,
  REFUSE_FULL,
  SAY,
  SAY_DATABASES,
  streamed,
  type PerDatabase,
} from './job-script.js';
import type { MysqlSide } from './engines/mysql.js';
import { SCHEMA_OBJECTS, SYSTEM_SCHEMAS } from './engines/mysql-databases.js';
export { mysqlSide, type MysqlSide } from './engines/mysql.js';

/** The Job's variables for both sides (the passwords come from the Secret as SOURCE_PASSWORD and TARGET_PASSWORD). */
export function mysqlEnv(source: MysqlSide, target: MysqlSide): { name: string; value: string }[] {
  const side = (prefix: string, s: MysqlSide) => [
    { name: `${prefix}_HOST`, value: s.host },
    { name: `${prefix}_PORT`, value: String(s.port) },
    { name: `${prefix}_USER`, value: s.user },
    { name: `${prefix}_DB`, value: s.database },
  ];
  return [...side('SOURCE', source), ...side('TARGET', target)];
}

/**
 * The MySQL/MariaDB Job's script, run by the cluster with the service's own image (`mariadb` and
 * `mariadb-dump` where the image has them, `mysql` and `mysqldump` otherwise). It moves the source's
 * server whole, as `migrate run --plan` does: the URL's database first, then every other database
 * that holds tables, views, routines or events (Ghost's `activitypub` beside `ghost`), each into the
 * database of the same name, made with the source's character set and collation when the target
 * lacks it; the system schemas stay the target's; ONE_DATABASE=1 moves the URL's database alone.
 * Before writing anything it refuses one database as both sides and a target database that holds
 * objects (unless FORCE=1, which drops and makes it again); streams each dump into the target; then
 * the verification the engine runs itself (rows, CHECKSUM TABLE … EXTENDED, the next id per table,
 * every definition), on both sides, compared line by line. Passwords are in MYSQL_PWD, never in an
 * argument. Its last line is the verdict; exit 0 only when everything matched, 2 on a difference,
 * 3 when it refused before writing. VERIFY_ONLY=1 compares without copying.
 */
export function mysqlJobScript(): string {
  return [
    'set -eu',
    SAY,
    "TAB=$(printf '\\t')",
    'if command -v mariadb >/dev/null 2>&1; then CLIENT=mariadb; DUMP=mariadb-dump; else CLIENT=mysql; DUMP=mysqldump; fi',
    'src_on() { _on=$1; shift; MYSQL_PWD="${SOURCE_PASSWORD:-}" "$CLIENT" --no-defaults -h "$SOURCE_HOST" -P "$SOURCE_PORT" -u "$SOURCE_USER" -N -B "$@" "$_on"; }',
    'dst_on() { _on=$1; shift; MYSQL_PWD="${TARGET_PASSWORD:-}" "$CLIENT" --no-defaults -h "$TARGET_HOST" -P "$TARGET_PORT" -u "$TARGET_USER" -N -B "$@" "$_on"; }',
    // A name inside backquotes doubles its backquotes; inside single quotes, its quotes and backslashes.
    "ident() { printf '%s' \"$1\" | sed 's/`/``/g'; }",
    "literal() { printf '%s' \"$1\" | sed -e 's/\\\\/\\\\\\\\/g' -e \"s/'/''/g\"; }",
    'W=$(mktemp -d)',
    'trap \'rm -rf "$W"\' EXIT',
    heredoc('"$W/definitions.sql"', MYSQL_DEFINITIONS),
    heredoc('"$W/checks.sql"', MYSQL_CHECKS),
    // MySQL names a server @@server_uuid, MariaDB @@server_uid: one of them answers.
    'identity() { "$@" -e "select concat(@@server_uuid, \' \', database())" 2>/dev/null || "$@" -e "select concat(@@server_uid, \' \', database())"; }',
    'fingerprint() {',
    '  "$@" -e "select table_name from information_schema.tables where table_schema = database() and table_type = \'BASE TABLE\' order by 1" > "$W/tables"',
    '  while IFS= read -r t; do',
    '    q=$(ident "$t"); l=$(literal "$t")',
    '    n=$("$@" -e "select count(*) from \\`$q\\`")',
    '    c=$("$@" -e "checksum table \\`$q\\` extended" | cut -f2)',
    '    i=$("$@" -e "select coalesce(auto_increment, \'-\') from information_schema.tables where table_schema = database() and table_name = \'$l\'")',
    '    printf \'table %s\\t%s rows, checksum %s, next id %s\\n\' "$t" "$n" "$c" "$i"',
    '  done < "$W/tables"',
    '  "$@" < "$W/definitions.sql"',
    '  "$@" < "$W/checks.sql" 2>/dev/null || true',
    '}',
    // The URL's database first, unless it is a system schema (where a connection lands when the
    // Compose file sets no MYSQL_DATABASE): the target keeps its own users and grants.
    'OWN=$SOURCE_DB',
    `case "$OWN" in ${SYSTEM_SCHEMAS.join('|')}) : > "$W/pairs" ;; *) printf '%s\\t%s\\n' "$OWN" "$TARGET_DB" > "$W/pairs" ;; esac`,
    'if [ "${ONE_DATABASE:-0}" != 1 ]; then',
    // Listed to a file first: a listing that fails must stop the Job, not leave databases behind.
    `  src_on information_schema -e "select x.name from (${SCHEMA_OBJECTS}) x where x.n > 0 order by 1" > "$W/databases"`,
    `  grep -vxF -- "$OWN" "$W/databases" | while IFS= read -r d; do printf '%s\\t%s\\n' "$d" "$d"; done >> "$W/pairs"`,
    'fi',
    SAY_DATABASES,
    ...pairChecks(PER_DATABASE),
    'if [ "${VERIFY_ONLY:-0}" != 1 ]; then',
    REFUSE_FULL,
    'while IFS="$TAB" read -r from into; do',
    '  d=$(ident "$into")',
    '  if grep -qxF -- "$into" "$W/full"; then dst_on information_schema -e "drop database \\`$d\\`"; say "FORCE=1: the target database $into was dropped and made again"; fi',
    '  if grep -qxF -- "$into" "$W/create" "$W/full"; then',
    '    src_on information_schema -e "select default_character_set_name, default_collation_name from information_schema.schemata where schema_name = \'$(literal "$from")\'" > "$W/like"',
    '    IFS="$TAB" read -r charset collation < "$W/like"',
    '    dst_on information_schema -e "create database \\`$d\\` character set $charset collate $collation"',
    '    if grep -qxF -- "$into" "$W/create"; then say "created database $into on the target ($charset, $collation): the grants on it are the server\'s (mysql.*), not copied; give the application\'s user its privileges there"; fi',
    '  fi',
    '  say "copying database $from into $into"',
    ...streamed(
      'MYSQL_PWD="${SOURCE_PASSWORD:-}" "$DUMP" --no-defaults -h "$SOURCE_HOST" -P "$SOURCE_PORT" -u "$SOURCE_USER" --single-transaction --routines --triggers --events --hex-blob --no-tablespaces --add-drop-table "$from"',
      'dst_on "$into"',
      { dump: '$DUMP', restore: '$CLIENT' },
    ).map((l) => `  ${l}`),
    'done < "$W/pairs"',
    'fi',
    ...perDatabaseVerdict(PER_DATABASE),
  ].join('\n');
}

/** How the MySQL/MariaDB Job asks each database (see PerDatabase). */
const PER_DATABASE: PerDatabase = {
  targetDatabases: 'dst_on information_schema -e "select schema_name from information_schema.schemata"',
  identity: (side) => `identity ${side}`,
  objects: (side) =>
    `${side} -e "select (select count(*) from information_schema.tables where table_schema = database()) + (select count(*) from information_schema.routines where routine_schema = database()) + (select count(*) from information_schema.events where event_schema = database())"`,
  print: (side) => `fingerprint ${side}`,
};
