import type { Endpoint, RunOptions } from '../types.js';
import { USER_SCHEMAS, query } from './postgres-sql.js';

/** How often the target is asked how far its COPY is. */
const POLL_MS = 400;

/** Progress of a restore as it can honestly be counted, fed by pg_restore --verbose and the target's own counter. */
export interface RestoreProgress {
  /** pg_restore's stderr, as it comes. */
  readonly onStderr: (text: string) => void;
  /** Ends the polling (again: nothing); reports everything done when the restore succeeded. */
  stop(ok: boolean): void;
}

const unquote = (name: string) => name.replace(/"/g, '');
/** `schema.table` as pg_restore names it; regclass text leaves out a schema on the search path. */
const qualified = (name: string) => (unquote(name).includes('.') ? unquote(name) : `public.${unquote(name)}`);

/**
 * Rows restored, against the source's own estimate of its rows (pg_class.reltuples, or the live-row
 * count where a table was never analysed): a table counts whole once pg_restore has moved past it,
 * and the one being filled counts what the target's pg_stat_progress_copy says (PostgreSQL 14+; an
 * older target only gives whole tables). Dump bytes against the size on disk would be a guess: the
 * dump is compressed and holds no index. With no estimate at all, tables are counted instead.
 */
export async function restoreProgress(
  src: Endpoint,
  dst: Endpoint,
  o: RunOptions,
): Promise<RestoreProgress | undefined> {
  const report = o.onProgress;
  if (!report) return undefined;
  const rows = await query(
    src,
    `select n.nspname || '.' || c.relname, greatest(case when c.reltuples >= 0 then c.reltuples::bigint else coalesce(s.n_live_tup, 0) end, 0)
     from pg_class c join pg_namespace n on n.oid = c.relnamespace left join pg_stat_user_tables s on s.relid = c.oid
     where c.relkind = 'r' and ${USER_SCHEMAS}`,
  );
  const estimate = new Map(rows.map(([t = '', n = '0']) => [t, Number(n)]));
  const total = [...estimate.values()].reduce((a, b) => a + b, 0);
  const byRows = total > 0;
  const started = new Set<string>();
  let copying = new Map<string, number>();
  let current: string | undefined;
  let last = -1;
  const emit = () => {
    if (!byRows) return report(Math.min(started.size, estimate.size), estimate.size, 'tables');
    let done = 0;
    for (const t of started)
      done += copying.has(t) ? Math.min(copying.get(t) ?? 0, estimate.get(t) ?? 0) : (estimate.get(t) ?? 0);
    // A table being filled still shows as started; rows never go back.
    done = Math.max(last, Math.min(done, total));
    if (done !== last) report((last = done), total, 'rows');
  };
  report(0, byRows ? total : estimate.size, byRows ? 'rows' : 'tables');
  let polling = false;
  let supported = byRows;
  const timer = setInterval(() => {
    if (polling || !supported || !started.size) return;
    polling = true;
    query(
      dst,
      'select relid::regclass::text, tuples_processed from pg_stat_progress_copy where datname = current_database()',
    )
      .then((r) => {
        const before = copying;
        copying = new Map(r.map(([t = '', n = '0']) => [qualified(t), Number(n)]));
        // The table pg_restore named last may not have begun its COPY yet: not whole until the next begins.
        if (current && !copying.has(current)) copying.set(current, before.get(current) ?? 0);
        emit();
      })
      // A target before PostgreSQL 14 has no COPY progress: whole tables only.
      .catch(() => (supported = false))
      .finally(() => (polling = false));
  }, POLL_MS);
  timer.unref();
  let finished = false;
  return {
    onStderr: byLine((line) => {
      const m = /processing data for table "(.+)"/.exec(line);
      if (!m?.[1]) return;
      const table = qualified(m[1]);
      started.add(table);
      current = table;
      // Until the target says otherwise, the table pg_restore just began holds nothing yet.
      if (!copying.has(table)) copying.set(table, 0);
      // pg_restore fills one table after another when it streams: the earlier ones are whole now.
      if (!o.jobs || o.jobs <= 1) for (const t of [...copying.keys()]) if (t !== table) copying.delete(t);
      emit();
    }),
    stop(ok) {
      clearInterval(timer);
      if (!ok || finished) return;
      finished = true;
      if (byRows) {
        if (last !== total) report((last = total), total, 'rows');
      } else report(estimate.size, estimate.size, 'tables');
    },
  };
}

/**
 * A handler of pg_restore's --verbose output that calls `then` once, when the restore moves on from
 * the data section (rows, sequence positions, large objects) to what follows it (keys, indexes,
 * foreign keys, grants): the dump has been read to its end, so the source is idle from then on.
 */
export function afterData(then: () => void): (text: string) => void {
  let data = false;
  let done = false;
  return byLine((line) => {
    if (done) return;
    if (
      /^pg_restore: (processing data for table|executing SEQUENCE SET|processing BLOBS|restoring large object)/.test(
        line,
      )
    )
      data = true;
    else if (data && line.startsWith('pg_restore: creating ')) {
      done = true;
      then();
    }
  });
}

/** A handler of output as it comes, in pieces, that gives each whole line to `onLine`. */
function byLine(onLine: (line: string) => void): (text: string) => void {
  let rest = '';
  return (text) => {
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    lines.forEach((line) => onLine(line));
  };
}
