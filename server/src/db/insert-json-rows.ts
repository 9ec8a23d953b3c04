// Bulk insert with one parameter: the rows travel as a JSON array and PostgreSQL unpacks them with
// jsonb_to_recordset. Drizzle's multi-row insert binds one parameter per cell and spends more time
// building the statement than the database spends running it; ingest inserts thousands of rows a second.
// Only for plain columns (text, numbers, booleans, timestamps, uuid, text[]): JSON has no bytea.
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client';
import { queryRows } from './client';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Inserts `rows` (all with the same keys, each a column of `table`) and returns the `returning` columns
 * of the rows actually inserted. `conflict` is appended as is, e.g. sql`on conflict do nothing`.
 *
 * @example
 * const inserted = await insertJsonRows(db, messages, rows, ['program_id', 'message_id'], sql`on conflict do nothing`);
 */
export async function insertJsonRows<Row extends Record<string, unknown>>(
  db: Db | Tx,
  table: PgTable,
  rows: Row[],
  returning: string[],
  conflict?: SQL,
): Promise<Record<string, unknown>[]> {
  if (!rows.length) return [];
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!);
  const definitions = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return { key, name: ident(column.name), type: column.getSQLType() };
  });
  const names = definitions.map((d) => d.name).join(', ');
  const recordType = definitions.map((d) => `${ident(d.key)} ${d.type}`).join(', ');
  const selected = definitions.map((d) => ident(d.key)).join(', ');
  return queryRows(
    db,
    sql`insert into ${sql.raw(ident(getTableName(table)))} (${sql.raw(names)})
      select ${sql.raw(selected)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(recordType)})
      ${conflict ?? sql``} returning ${sql.raw(returning.map(ident).join(', '))}`,
  );
}
