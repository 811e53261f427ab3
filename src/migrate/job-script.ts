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

/** What a Job says when the source's server holds other databases with data. */
export const LEFT_BEHIND =
  'LEFT BEHIND: the source server also holds $(paste -sd, "$W/others"), which this Job does not copy or compare. Move the whole server with: stevedore migrate run --plan plan.yaml (every database, through the Compose host and kubectl exec), or run a Job per database (--from naming each) with --one-database. Nothing was written.';
