import { MYSQL_CHECKS, MYSQL_DEFINITIONS } from './engines/mysql-fingerprint.js';
import { heredoc, LEFT_BEHIND, SAY, verdictLines } from './job-script.js';
import type { MysqlSide } from './engines/mysql.js';
import { SCHEMA_OBJECTS } from './engines/mysql-databases.js';
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
 * `mariadb-dump` where the image has them, `mysql` and `mysqldump` otherwise): refuses one database as
 * both sides and a target that holds tables, routines or events (unless FORCE=1, which drops and
 * creates the target database); streams the dump into the target through a FIFO so that either
 * side's failure stops it; then the verification the engine runs itself (rows, CHECKSUM TABLE …
 * EXTENDED, the next id per table, every definition), on both sides, compared line by line. Passwords
 * are in MYSQL_PWD, never in an argument. Its last line is the verdict; exit 0 only when everything
 * matched, 2 on a difference, 3 when it refused before writing. VERIFY_ONLY=1 compares without copying.
 */
export function mysqlJobScript(): string {
  return [
    'set -eu',
    SAY,
    'if command -v mariadb >/dev/null 2>&1; then CLIENT=mariadb; DUMP=mariadb-dump; else CLIENT=mysql; DUMP=mysqldump; fi',
    'src() { MYSQL_PWD="${SOURCE_PASSWORD:-}" "$CLIENT" --no-defaults -h "$SOURCE_HOST" -P "$SOURCE_PORT" -u "$SOURCE_USER" -N -B "$@" "$SOURCE_DB"; }',
    'dst() { MYSQL_PWD="${TARGET_PASSWORD:-}" "$CLIENT" --no-defaults -h "$TARGET_HOST" -P "$TARGET_PORT" -u "$TARGET_USER" -N -B "$@" "$TARGET_DB"; }',
    // A name inside backquotes doubles its backquotes; inside single quotes, its quotes and backslashes.
    "ident() { printf '%s' \"$1\" | sed 's/`/``/g'; }",
    "literal() { printf '%s' \"$1\" | sed -e 's/\\\\/\\\\\\\\/g' -e \"s/'/''/g\"; }",
    'W=$(mktemp -d)',
    'trap \'rm -rf "$W"\' EXIT',
    heredoc('"$W/definitions.sql"', MYSQL_DEFINITIONS),
    heredoc('"$W/checks.sql"', MYSQL_CHECKS),
    // MySQL names a server @@server_uuid, MariaDB @@server_uid: one of them answers.
    'server() { "$1" -e "select @@server_uuid" 2>/dev/null || "$1" -e "select @@server_uid"; }',
    'a="$(server src) $SOURCE_DB"; b="$(server dst) $TARGET_DB"',
    'if [ "$a" = "$b" ]; then say "the source and the target are one database ($a): nothing was written"; exit 3; fi',
    // Another database on the source's server that holds data would be left behind (see LEFT_BEHIND).
    'if [ "${ONE_DATABASE:-0}" != 1 ]; then',
    `  src -e "select concat(x.name, ' (', x.n, ' objects)') from (${SCHEMA_OBJECTS} and s.schema_name <> database()) x where x.n > 0 order by 1" > "$W/others"`,
    `  if [ -s "$W/others" ]; then say "${LEFT_BEHIND}"; exit 3; fi`,
    'fi',
    'fingerprint() {',
    '  "$1" -e "select table_name from information_schema.tables where table_schema = database() and table_type = \'BASE TABLE\' order by 1" > "$W/tables"',
    '  while IFS= read -r t; do',
    '    q=$(ident "$t"); l=$(literal "$t")',
    '    n=$("$1" -e "select count(*) from \\`$q\\`")',
    '    c=$("$1" -e "checksum table \\`$q\\` extended" | cut -f2)',
    '    i=$("$1" -e "select coalesce(auto_increment, \'-\') from information_schema.tables where table_schema = database() and table_name = \'$l\'")',
    '    printf \'table %s\\t%s rows, checksum %s, next id %s\\n\' "$t" "$n" "$c" "$i"',
    '  done < "$W/tables"',
    '  "$1" < "$W/definitions.sql"',
    '  "$1" < "$W/checks.sql" 2>/dev/null || true',
    '}',
    'if [ "${VERIFY_ONLY:-0}" != 1 ]; then',
    '  n=$(dst -e "select (select count(*) from information_schema.tables where table_schema = database()) + (select count(*) from information_schema.routines where routine_schema = database()) + (select count(*) from information_schema.events where event_schema = database())")',
    '  if [ "$n" != 0 ]; then',
    '    if [ "${FORCE:-0}" = 1 ]; then',
    '      d=$(ident "$TARGET_DB"); dst -e "drop database \\`$d\\`; create database \\`$d\\`"',
    '      say "FORCE=1: the target database was dropped and created again"',
    '    else say "the target already holds $n tables, routines or events: refusing to write into it (FORCE=1 replaces them). Nothing was written."; exit 3; fi',
    '  fi',
    '  say "copying $SOURCE_USER@$SOURCE_HOST:$SOURCE_PORT/$SOURCE_DB into $TARGET_USER@$TARGET_HOST:$TARGET_PORT/$TARGET_DB"',
    '  mkfifo "$W/dump"',
    '  MYSQL_PWD="${SOURCE_PASSWORD:-}" "$DUMP" --no-defaults -h "$SOURCE_HOST" -P "$SOURCE_PORT" -u "$SOURCE_USER" --single-transaction --routines --triggers --events --hex-blob --no-tablespaces --add-drop-table "$SOURCE_DB" > "$W/dump" & dumping=$!',
    '  set +e',
    '  dst < "$W/dump"; restored=$?',
    '  if [ "$restored" != 0 ]; then kill "$dumping" 2>/dev/null; fi',
    '  wait "$dumping"; dumped=$?',
    '  set -e',
    '  if [ "$dumped" != 0 ] || [ "$restored" != 0 ]; then say "FAILED: $DUMP exited $dumped, $CLIENT $restored. The target holds a partial copy: run again with FORCE=1 to start clean."; exit 1; fi',
    'fi',
    ...verdictLines('fingerprint src', 'fingerprint dst'),
  ].join('\n');
}
