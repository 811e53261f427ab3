import type { Endpoint } from '../types.js';
import { USER_SCHEMAS, literal, query } from './postgres-sql.js';

/**
 * Built-in types whose stored value hashes the same on any server. Everything else — enums (hashed
 * by OID), domains, composite and range types over them, types with no hash function (json, xml,
 * geometric) — is hashed through its text form, which is the value itself.
 */
const HASHED_BY_VALUE = [
  'bool',
  'bytea',
  'char',
  'name',
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'numeric',
  'money',
  'text',
  'varchar',
  'bpchar',
  'date',
  'time',
  'timetz',
  'timestamp',
  'timestamptz',
  'interval',
  'uuid',
  'jsonb',
  'inet',
  'cidr',
  'macaddr',
  'macaddr8',
  'bit',
  'varbit',
  'oid',
];

/**
 * An order-independent checksum of a row set that catches values moved between rows: each row is
 * hashed whole, the row hash is mixed once more (hash_record_extended combines column hashes
 * linearly, so a plain sum would be a per-column sum that a swap between rows leaves unchanged),
 * and the mixed hashes are summed (sum of bigint is exact, in a 128-bit accumulator). `r` is the table alias; `row(r.*)` is the whole row even when a
 * column is itself named r.
 */
const rowsum = (byText: boolean) =>
  `coalesce(sum(${byText ? 'hashtextextended(row(r.*)::text, 0)' : 'hashint8extended(hash_record_extended(row(r.*), 0), 0)'}), 0)`;

/** A checksum as the report shows it: the low 64 bits of the sum, in base 36. */
const checksum = (sum: string | undefined) =>
  (BigInt((sum ?? '0').split('.')[0] ?? '0') & ((1n << 64n) - 1n)).toString(36);

/** The tables to hash, each with whether every column's type hashes by value (else it is hashed as text). */
const TABLES = `select quote_ident(n.nspname)||'.'||quote_ident(c.relname),
       coalesce(bool_and(coalesce(et.typnamespace, t.typnamespace) = 'pg_catalog'::regnamespace
         and coalesce(et.typname, t.typname) = any (array[${HASHED_BY_VALUE.map((x) => `'${x}'`).join(',')}])), true)
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     left join pg_type t on t.oid = a.atttypid
     left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
     where (c.relkind in ('r','p') or (c.relkind = 'm' and c.relispopulated)) and ${USER_SCHEMAS} group by 1 order by 1`;

/** One table's line: its key, and its row count and row-hash sum. */
const tableRow = (table: string, byValue: boolean) =>
  `select 'table ' || ${literal(table)}, count(*)::text || ' ' || ${rowsum(!byValue)}::text from ${table} r`;

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
  const perTable = `select format('select %L, count(*)::text || '' '' || (%s)::text from %s r', 'table ' || t, case when byvalue then ${literal(rowsum(false))} else ${literal(rowsum(true))} end, t) from (${TABLES}) x(t, byvalue)`;
  return `${perTable} \\gexec
${restQuery(owners)};
`;
}

/**
 * Every table's rows and checksum, every sequence's position, and counts of views, functions,
 * indexes, large objects: the tables to hash, then two queries at once (the row hashes alone, as
 * they may run in parallel workers, which the parallel-restricted pg_get_* functions of the rest
 * would forbid), since each psql start costs as much as hashing a few hundred thousand rows.
 * `serial` keeps the row hashes on one core (no parallel workers): for a print taken beside a copy.
 */
export async function fingerprint(
  ep: Endpoint,
  options: { owners?: boolean; serial?: boolean } = {},
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const tables = await query(ep, TABLES);
  const rows = tables.map(([t = '', byValue]) => tableRow(t, byValue === 't'));
  const serial = options.serial ? 'set max_parallel_workers_per_gather = 0; ' : '';
  const [hashed, other] = await Promise.all([
    rows.length ? query(ep, serial + rows.map((q) => `(${q})`).join(' union all ')) : [],
    query(ep, restQuery(options.owners !== false)),
  ]);
  for (const [key = '', value = ''] of [...hashed, ...other]) {
    if (key.startsWith('table ')) {
      const [n, sum] = value.split(' ');
      out.set(key, `${n} rows, checksum ${checksum(sum)}`);
    } else if (key === 'large objects') {
      const [n, sum] = value.split(' ');
      out.set(key, `${n}, checksum ${BigInt((sum ?? '0').split('.')[0] ?? '0').toString(36)}`);
    } else out.set(key, value);
  }
  return new Map([...out].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
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
