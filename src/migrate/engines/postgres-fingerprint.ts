import type { Endpoint } from '../types.js';
import { USER_SCHEMAS, literal, query, queryScript } from './postgres-sql.js';

/**
 * How each built-in type is hashed by its stored value, as in hash partitioning (the same on any
 * server and release): `%1$s` is the column, `%2$s` its seed. Text-like values are hashed under the
 * "C" collation, so that a case-insensitive collation cannot make two spellings one; money as the
 * number it is (its text follows lc_monetary); dates and time stamps as UTC instants.
 */
const BY_VALUE: Record<string, string> = {
  bool: 'hashint4extended(%1$s::int, %2$s)',
  bytea: "hashtextextended(encode(%1$s, 'hex'), %2$s)",
  char: 'hashcharextended(%1$s, %2$s)',
  name: 'hashnameextended(%1$s, %2$s)',
  int2: 'hashint2extended(%1$s, %2$s)',
  int4: 'hashint4extended(%1$s, %2$s)',
  int8: 'hashint8extended(%1$s, %2$s)',
  oid: 'hashoidextended(%1$s, %2$s)',
  float4: 'hashfloat4extended(%1$s, %2$s)',
  float8: 'hashfloat8extended(%1$s, %2$s)',
  numeric: 'hash_numeric_extended(%1$s, %2$s)',
  money: 'hash_numeric_extended(%1$s::numeric, %2$s)',
  text: 'hashtextextended(%1$s collate "C", %2$s)',
  varchar: 'hashtextextended(%1$s collate "C", %2$s)',
  bpchar: 'hashbpcharextended(%1$s collate "C", %2$s)',
  date: 'timestamp_hash_extended(%1$s::timestamp, %2$s)',
  time: 'time_hash_extended(%1$s, %2$s)',
  timetz: 'timetz_hash_extended(%1$s, %2$s)',
  timestamp: 'timestamp_hash_extended(%1$s, %2$s)',
  timestamptz: "timestamp_hash_extended(%1$s at time zone 'UTC', %2$s)",
  interval: 'interval_hash_extended(%1$s, %2$s)',
  uuid: 'uuid_hash_extended(%1$s, %2$s)',
  jsonb: 'jsonb_hash_extended(%1$s, %2$s)',
  inet: 'hashinetextended(%1$s, %2$s)',
  cidr: 'hashinetextended(%1$s, %2$s)',
  macaddr: 'hashmacaddrextended(%1$s, %2$s)',
  macaddr8: 'hashmacaddr8extended(%1$s, %2$s)',
};

/** Element types whose arrays hash_array_extended hashes by value (their default hash opclass does). */
const ARRAY_BY_VALUE = Object.keys(BY_VALUE).filter((t) => t !== 'money');

const names = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/**
 * One column's hash, as SQL text built by SQL (so that the psql script of the in-cluster Job builds
 * the same): by value where the type allows it, else its text form under fixed settings
 * (CANONICAL). Enums (hashed by OID), domains, composite and range types, json, xml and
 * geometric types are hashed as text, which is the value itself.
 */
const COLUMN_HASH = `format(case
    when t.typnamespace = 'pg_catalog'::regnamespace and t.typname = any (${names(Object.keys(BY_VALUE))}) then case t.typname ${Object.entries(
      BY_VALUE,
    )
      .map(([type, call]) => `when '${type}' then '${call.replace(/'/g, "''")}'`)
      .join(' ')} end
    when et.typnamespace = 'pg_catalog'::regnamespace and et.typname = any (${names(ARRAY_BY_VALUE)}) then 'hash_array_extended(%1$s, %2$s)'
    else 'hashtextextended(%1$s::text, %2$s)' end, 'r.' || quote_ident(a.attname), a.pos)`;

/**
 * The session settings every text form depends on, fixed so that two servers configured apart
 * (DateStyle, TimeZone, IntervalStyle, bytea_output, lc_monetary) print one value the same.
 */
export const CANONICAL = `set datestyle = 'ISO, YMD'; set intervalstyle = 'postgres'; set timezone = 'UTC'; set bytea_output = 'hex'; set lc_monetary = 'C'; set extra_float_digits = 1;`;

/**
 * The tables to hash, each with its row hash: every live column hashed with its position as seed
 * (so a value moved to another column changes it), NULL standing as its own value where a column
 * allows it, the column hashes combined by XOR and mixed once more (a sum of XORs would be nearly
 * linear, and a value swapped between two rows could leave it unchanged). Hashing column by column
 * costs about half of hashing a whole record (which is built from the row, then taken apart again).
 */
const TABLES = `select quote_ident(n.nspname)||'.'||quote_ident(c.relname),
       coalesce('hashint8extended(' || string_agg(case when a.attnotnull then ${COLUMN_HASH} else format('coalesce(%s, %s)', ${COLUMN_HASH}, -a.pos) end, ' # ' order by a.pos) filter (where a.attname is not null) || ', 0)', '0')
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     left join lateral (select attname, atttypid, attnotnull, row_number() over (order by attnum) as pos
       from pg_attribute where attrelid = c.oid and attnum > 0 and not attisdropped) a on true
     left join pg_type t on t.oid = a.atttypid
     left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
     where (c.relkind in ('r','p') or (c.relkind = 'm' and c.relispopulated)) and ${USER_SCHEMAS} group by 1 order by 1`;

/**
 * One table's statement, as SQL text built by SQL from `t` (the table) and `h` (its row hash): its
 * key, its row count and the sum of its row hashes (an order-independent checksum, exact in a
 * 128-bit accumulator).
 */
const TABLE_LINE = `format('select %L, count(*)::text || '' '' || (coalesce(sum(%s), 0))::text from %s r', 'table ' || t, h, t)`;

/** A checksum as the report shows it: the low 64 bits of the sum, in base 36. */
const checksum = (sum: string | undefined) =>
  (BigInt((sum ?? '0').split('.')[0] ?? '0') & ((1n << 64n) - 1n)).toString(36);

/** Everything but the rows, as (key, value) lines: definitions, owners, sequences, counts, large objects. */
function restQuery(owners: boolean): string {
  return [
    definitions(owners),
    `select 'sequence ' || quote_ident(schemaname)||'.'||quote_ident(sequencename), 'at ' || coalesce(last_value::text,'none') from pg_sequences where schemaname not in ('pg_catalog','information_schema')`,
    `select 'views', count(*)::text from pg_views v where v.schemaname not in ('pg_catalog','information_schema')`,
    `select 'functions', count(*)::text from pg_proc p join pg_namespace n on n.oid=p.pronamespace where ${USER_SCHEMAS}`,
    `select 'indexes', count(*)::text from pg_indexes i where i.schemaname not in ('pg_catalog','information_schema')`,
    `select 'large objects', count(*)::text || ' ' || coalesce(sum(('x'||substr(md5(lo_get(oid)),1,15))::bit(60)::bigint::numeric),0)::text from pg_largeobject_metadata`,
  ]
    .map((q) => `(${q})`)
    .join(' union all ');
}

/**
 * The same fingerprint as a psql script (`psql -A -t -F <tab> -f`), for a side Stevedore does not run
 * itself (the in-cluster Job): `\gexec` runs one hash query per table, then the rest; the lines are
 * the raw key and value, so two sides compare with sort and diff.
 */
export function fingerprintScript(owners: boolean): string {
  const perTable = `select ${TABLE_LINE} from (${TABLES}) x(t, h)`;
  return `${CANONICAL}
${perTable} \\gexec
${restQuery(owners)};
`;
}

/** A statement's snapshot, as pg_current_snapshot() gives it: its xmax, and the transactions running below it. */
export interface Snapshot {
  readonly xmax: bigint;
  readonly running: readonly bigint[];
}

/** pg_current_snapshot()'s text, `xmin:xmax:xip,…`. */
function snapshotOf(text: string): Snapshot {
  const [, xmax = '0', xip = ''] = text.split(':');
  return { xmax: BigInt(xmax), running: xip ? xip.split(',').map((x) => BigInt(x)) : [] };
}

/** A print, and the snapshots its two statements read under (when it will be reused later, its guard). */
export interface Fingerprint {
  readonly print: Map<string, string>;
  readonly snapshots: readonly Snapshot[];
}

const SNAPSHOT = `select 'snapshot', pg_current_snapshot()::text`;

/**
 * The row hashes as one psql script: the tables listed and their union built by the server, then run
 * with \gexec, so one psql start (about a tenth of a second) does both. The union is one statement:
 * one snapshot for every table, reported with the rows.
 */
const rowScript = (settings: string) => `${settings}
select coalesce(string_agg('(' || ${TABLE_LINE} || ')', ' union all ' order by t) || ' union all ', '') || ${literal(`(${SNAPSHOT})`)} from (${TABLES}) x(t, h) \\gexec
`;

/**
 * Every table's rows and checksum, every sequence's position, and counts of views, functions,
 * indexes, large objects: two statements at once (the row hashes alone, as they may run in
 * parallel workers, which the parallel-restricted pg_get_* functions of the rest would forbid),
 * each with the snapshot it read. `serial` keeps the row hashes on one core (no parallel
 * workers): for a print taken beside a copy.
 */
export async function fingerprint(
  ep: Endpoint,
  options: { owners?: boolean; serial?: boolean } = {},
): Promise<Fingerprint> {
  const out = new Map<string, string>();
  const snapshots: Snapshot[] = [];
  const settings = `${CANONICAL} ${options.serial ? 'set max_parallel_workers_per_gather = 0;' : ''}`;
  const [hashed, other] = await Promise.all([
    queryScript(ep, rowScript(settings)),
    query(ep, `${restQuery(options.owners !== false)} union all (${SNAPSHOT})`),
  ]);
  for (const [key = '', value = ''] of [...hashed, ...other]) {
    if (key === 'snapshot') snapshots.push(snapshotOf(value));
    else if (key.startsWith('table ')) {
      const [n, sum] = value.split(' ');
      out.set(key, `${n} rows, checksum ${checksum(sum)}`);
    } else if (key === 'large objects') {
      const [n, sum] = value.split(' ');
      out.set(key, `${n}, checksum ${BigInt((sum ?? '0').split('.')[0] ?? '0').toString(36)}`);
    } else out.set(key, value);
  }
  return { print: new Map([...out].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))), snapshots };
}

/**
 * The mark of the cluster's writes (one past the latest writing transaction that ended: a
 * snapshot's xmax) at which a print holds, or undefined if it may already be stale. Every statement
 * of it read at one mark, with no transaction running below it but `own` (the caller's ANALYZE,
 * which changes no row): one running there could commit rows the print did not see without moving
 * the mark. `own` may end just before or just after the statements read; no other may.
 */
export function heldFrom(snapshots: readonly Snapshot[], own?: bigint): bigint | undefined {
  if (!snapshots.length) return undefined;
  const next = snapshots.reduce((m, s) => (s.xmax > m ? s.xmax : m), own === undefined ? 0n : own + 1n);
  const settled = snapshots.every(
    (s) =>
      (s.xmax === next || (own !== undefined && s.xmax === own && next === own + 1n)) &&
      s.running.every((x) => x === own),
  );
  return settled ? next : undefined;
}

/**
 * What each table, view and schema is, beyond its rows: columns (type, not null, default),
 * constraints (keys, foreign keys, checks), indexes and triggers as digests per relation; its owner
 * and grants; view and function bodies; default privileges and database settings. Compared by text
 * (pg_get_*def), which names objects the same way on any server that holds the same schema.
 */
function definitions(owners: boolean): string {
  const relations = `from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r','p','v','m','f') and ${USER_SCHEMAS}`;
  const rel = `quote_ident(n.nspname)||'.'||quote_ident(c.relname)`;
  const md5 = (expr: string) => `md5(coalesce(${expr}, ''))`;
  return `select 'definition of ' || ${rel}, ${md5(`concat_ws(E'\\n',
       (select string_agg(quote_ident(a.attname)||' '||format_type(a.atttypid, a.atttypmod)||case when a.attnotnull then ' not null' else '' end||coalesce(' default '||pg_get_expr(d.adbin, d.adrelid), ''), ', ' order by a.attnum)
          from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
       (select string_agg(conname||' '||pg_get_constraintdef(oid), ', ' order by conname) from pg_constraint where conrelid = c.oid),
       (select string_agg(pg_get_indexdef(indexrelid), ', ' order by pg_get_indexdef(indexrelid)) from pg_index where indrelid = c.oid),
       (select string_agg(pg_get_triggerdef(oid), ', ' order by tgname) from pg_trigger where tgrelid = c.oid and not tgisinternal),
       case when c.relkind in ('v','m') then pg_get_viewdef(c.oid) end)`)} ${relations}
     ${
       owners
         ? `union all select 'owner and grants of ' || ${rel}, pg_get_userbyid(c.relowner)||' '||coalesce((select string_agg(x::text, ',' order by x::text) from unnest(c.relacl) x), 'default') ${relations}
     union all select 'owner and grants of schema ' || quote_ident(n.nspname), pg_get_userbyid(n.nspowner)||' '||coalesce((select string_agg(x::text, ',' order by x::text) from unnest(n.nspacl) x), 'default') from pg_namespace n where ${USER_SCHEMAS}
     union all select 'default privileges', coalesce((select string_agg(pg_get_userbyid(defaclrole)||' '||defaclobjtype::text||' '||coalesce(defaclnamespace::regnamespace::text, '')||' '||defaclacl::text, '; ' order by 1) from pg_default_acl), 'none')
`
         : ''
     }
     union all select 'database settings', coalesce((select string_agg(coalesce(pg_get_userbyid(nullif(s.setrole, 0)), '')||':'||array_to_string(s.setconfig, ','), '; ' order by 1) from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase where d.datname = current_database() and (s.setrole = 0 or ${owners})), 'none')
     union all select 'function bodies', ${md5(`(select string_agg(pg_get_functiondef(p.oid), E'\\n' order by p.oid::regprocedure::text) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.prokind in ('f','p') and ${USER_SCHEMAS})`)}`;
}
