/**
 * What MySQL and MariaDB verification compares besides the rows: each table's columns (type,
 * nullability, default, extra, collation), indexes and foreign keys; each view's definition; the
 * routines, triggers and events with their bodies; the check constraints. As SQL over the connected
 * database (`database()`), so the engine and the in-cluster Job run the very same text; every row is
 * `key <TAB> value`, and rows with one key are one object's parts (a table's columns, indexes, keys).
 * Names of the database inside definitions (a view's `db`.`table`) are taken out: source and target
 * may be named differently.
 */
const digest = (expr: string) => `left(md5(ifnull(${expr}, '')), 16)`;
const list = (parts: string[], order: string) =>
  `group_concat(concat_ws('|', ${parts.join(', ')}) order by ${order} separator '\\n')`;
const here = (column: string) => `${column} = database()`;
const unqualified = (column: string) => `replace(${column}, concat('\`', database(), '\`.'), '')`;

export const MYSQL_DEFINITIONS = [
  // group_concat stops at 1,024 bytes by default: a long body would be compared only in part.
  'set session group_concat_max_len = 67108864;',
  [
    `select concat('definition of ', table_name), concat('columns ', ${digest(list(['column_name', 'ordinal_position', 'column_type', 'is_nullable', "ifnull(column_default, '<none>')", 'extra', "ifnull(collation_name, '')"], 'ordinal_position'))}) from information_schema.columns where ${here('table_schema')} group by table_name`,
    `select concat('definition of ', table_name), concat('indexes ', ${digest(list(['index_name', 'non_unique', 'seq_in_index', "ifnull(column_name, '')", "ifnull(sub_part, '')", 'index_type'], 'index_name, seq_in_index'))}) from information_schema.statistics where ${here('table_schema')} group by table_name`,
    `select concat('definition of ', k.table_name), concat('foreign keys ', ${digest(list(['k.constraint_name', 'k.column_name', 'k.referenced_table_name', 'k.referenced_column_name', 'r.update_rule', 'r.delete_rule'], 'k.constraint_name, k.ordinal_position'))}) from information_schema.key_column_usage k join information_schema.referential_constraints r on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name where ${here('k.table_schema')} and k.referenced_table_name is not null group by k.table_name`,
    `select concat('view ', table_name), ${digest(`concat_ws('|', ${unqualified('view_definition')}, check_option, security_type)`)} from information_schema.views where ${here('table_schema')}`,
    `select 'routines', concat(count(*), ', digest ', ${digest(list(['routine_type', 'routine_name', unqualified('routine_definition'), 'security_type', 'is_deterministic', 'sql_data_access'], 'routine_type, routine_name'))}) from information_schema.routines where ${here('routine_schema')}`,
    `select 'triggers', concat(count(*), ', digest ', ${digest(list(['trigger_name', 'event_object_table', 'action_timing', 'event_manipulation', 'action_orientation', unqualified('action_statement')], 'trigger_name'))}) from information_schema.triggers where ${here('trigger_schema')}`,
    `select 'events', concat(count(*), ', digest ', ${digest(list(['event_name', unqualified('event_definition'), "ifnull(interval_value, '')", "ifnull(interval_field, '')", 'status'], 'event_name'))}) from information_schema.events where ${here('event_schema')}`,
  ].join('\nunion all ') + ';',
].join('\n');

/**
 * Check constraints (MariaDB 10.2+, MySQL 8.0.16+: older servers have no such table, and then none
 * are compared). Apart from the rest so that its absence does not fail the whole query.
 */
export const MYSQL_CHECKS = `set session group_concat_max_len = 67108864;
select 'check constraints', concat(count(*), ', digest ', ${digest(list(['constraint_name', 'check_clause'], 'constraint_name'))}) from information_schema.check_constraints where ${here('constraint_schema')};`;

/** Rows of `key <TAB> value` merged by key: a table's columns, indexes and keys become one entry. */
export function mergeRows(rows: readonly string[][], into: Map<string, string>): void {
  const parts = new Map<string, string[]>();
  for (const [key = '', ...value] of rows) parts.set(key, [...(parts.get(key) ?? []), value.join('\t')]);
  for (const [key, values] of parts) into.set(key, values.sort().join(', '));
}
