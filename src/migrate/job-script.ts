import { MigrateError } from './types.js';

/**
 * The pieces every in-cluster copy script shares: its log lines, the SQL it writes to files, and the
 * verdict that ends it.
 */

/** A log line of the Job (`stevedore-job: …`), the prefix `migrate run --in-cluster` reads the verdict by. */
export const SAY = 'say() { printf \'stevedore-job: %s\\n\' "$*"; }';

/** A file written from a quoted here-document: the text goes in as it is, nothing expanded. */
export function heredoc(file: string, text: string): string {
  if (text.includes('\nSTEVEDORE_EOF')) throw new MigrateError('the SQL holds the heredoc marker');
  return `cat > ${file} <<'STEVEDORE_EOF'\n${text.trimEnd()}\nSTEVEDORE_EOF`;
}

/**
 * Both sides' fingerprints, written to files first (not through a pipe: a query that fails must stop
 * the script, not leave a shorter list that could match an equally short one), sorted and compared
 * line by line. The last line is the verdict: OK (exit 0) or MISMATCH with the differing lines (exit 2).
 */
export function verdictLines(source: string, target: string): string[] {
  return [
    'say "verifying"',
    `${source} > "$W/source.raw"; sort "$W/source.raw" > "$W/source"`,
    `${target} > "$W/target.raw"; sort "$W/target.raw" > "$W/target"`,
    'if diff "$W/source" "$W/target" > "$W/differ"; then',
    '  n=$(wc -l < "$W/source" | tr -d " "); if [ "$n" = 1 ]; then what=object; else what=objects; fi',
    '  say "OK: $n $what compared, all equal"',
    'else',
    '  sed "s/^/stevedore-job: /" "$W/differ"',
    '  say "MISMATCH: $(grep -c "^[<>]" "$W/differ") lines differ (< source, > target)"',
    '  exit 2',
    'fi',
  ];
}

/**
 * How a Job walks the databases it moves, in `$W/pairs` (`source<TAB>target` per line, the URLs' own
 * pair first, its source name in $OWN), with side functions `src_on DB …` and `dst_on DB …`.
 */
export interface PerDatabase {
  /** Prints the target server's databases, one per line. */
  readonly targetDatabases: string;
  /** Prints what a database is (the server's own id and the database's name), given `src_on "$from"` or `dst_on "$into"`. */
  readonly identity: (side: string) => string;
  /** Prints the number of objects a target database holds, given `dst_on "$into"`. */
  readonly objects: (side: string) => string;
  /** Prints one database's fingerprint lines, given `src_on "$_db"` or `dst_on "$_db"`. */
  readonly print: (side: string) => string;
}

/** Says how many databases the Job moves when more than one: the list a user checks first. */
export const SAY_DATABASES =
  'if [ "$(wc -l < "$W/pairs" | tr -d " ")" -gt 1 ]; then say "the source server holds $(wc -l < "$W/pairs" | tr -d " ") databases with data: $(cut -f1 "$W/pairs" | paste -sd, | sed "s/,/, /g")"; fi';

/**
 * What is checked of every pair before anything is written: one database as both sides (refused),
 * a target database that holds objects (in $W/full and, said, in $W/held), one the target lacks
 * ($W/create). `extra` runs per pair too (PostgreSQL gathers the roles each needs).
 */
export function pairChecks(db: PerDatabase, extra: string[] = []): string[] {
  return [
    `${db.targetDatabases} > "$W/target-databases"`,
    ': > "$W/full"; : > "$W/held"; : > "$W/create"',
    'while IFS="$TAB" read -r from into; do',
    '  if grep -qxF -- "$into" "$W/target-databases"; then',
    `    a=$(${db.identity('src_on "$from"')}); b=$(${db.identity('dst_on "$into"')})`,
    '    if [ "$a" = "$b" ]; then say "the source and the target are one database ($a): nothing was written"; exit 3; fi',
    `    n=$(${db.objects('dst_on "$into"')})`,
    '    if [ "$n" != 0 ]; then printf \'%s\\n\' "$into" >> "$W/full"; printf \'%s objects in %s\\n\' "$n" "$into" >> "$W/held"; fi',
    '  else printf \'%s\\n\' "$into" >> "$W/create"',
    '  fi',
    ...extra.map((l) => `  ${l}`),
    'done < "$W/pairs"',
  ];
}

/** The refusal of a target that holds data, unless FORCE=1 (after pairChecks). */
export const REFUSE_FULL =
  'if [ -s "$W/full" ] && [ "${FORCE:-0}" != 1 ]; then say "the target already holds $(paste -sd, "$W/held" | sed "s/,/, /g"): refusing to write into it (FORCE=1 replaces them). Nothing was written."; exit 3; fi';

/**
 * Both sides' fingerprints over every pair, then the verdict: the URLs' own database's lines as they
 * are, any other's under its name (`database activitypub: …`), a database the target lacks as
 * `database<TAB>missing`.
 */
export function perDatabaseVerdict(db: PerDatabase): string[] {
  return [
    `${db.targetDatabases} > "$W/target-databases"`,
    'prints() {',
    '  while IFS="$TAB" read -r _from _into; do',
    '    if [ "$1" = src_on ]; then _db=$_from; else _db=$_into; fi',
    '    if [ "$_from" = "$OWN" ]; then _p=""; else _p="database $_from: "; fi',
    '    if [ "$1" = dst_on ] && ! grep -qxF -- "$_db" "$W/target-databases"; then printf \'%sdatabase\\tmissing\\n\' "$_p"; continue; fi',
    `    if [ "$1" = src_on ]; then ${db.print('src_on "$_db"')} > "$W/print"; else ${db.print('dst_on "$_db"')} > "$W/print"; fi`,
    '    while IFS= read -r _l; do printf \'%s%s\\n\' "$_p" "$_l"; done < "$W/print"',
    '  done < "$W/pairs"',
    '}',
    ...verdictLines('prints src_on', 'prints dst_on'),
  ];
}

/**
 * One pair's copy: the dump streamed into the restore through a FIFO (POSIX sh has no pipefail, and
 * either side's failure must stop the Job: a restore that fails stops the dump, no process is left).
 */
export function streamed(dump: string, restore: string, names: { dump: string; restore: string }): string[] {
  return [
    'mkfifo "$W/dump"',
    `${dump} > "$W/dump" & dumping=$!`,
    'set +e',
    `${restore} < "$W/dump"; restored=$?`,
    'if [ "$restored" != 0 ]; then kill "$dumping" 2>/dev/null; fi',
    'wait "$dumping"; dumped=$?',
    'set -e',
    'rm -f "$W/dump"',
    `if [ "$dumped" != 0 ] || [ "$restored" != 0 ]; then say "FAILED: ${names.dump} exited $dumped, ${names.restore} $restored, copying database $from into $into. The target holds a partial copy: run again with FORCE=1 to start clean."; exit 1; fi`,
  ];
}
