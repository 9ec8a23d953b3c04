// Bulk insert with one parameter: the rows travel as a JSON array and PostgreSQL unpacks them with
// json_to_recordset (plain json is read in one pass, where jsonb would first be built and then read).
// Drizzle's multi-row insert binds one parameter per cell and spends more time building the statement
// than the database spends running it; ingest inserts thousands of rows a second.
// Only for plain columns (text, numbers, booleans, timestamps, uuid, text[]): JSON has no bytea.
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client';
import { queryRows } from './client';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The column list, the record type and the select list of `rows` turned into an insert of `table`. */
function insertParts(table: PgTable, rows: Record<string, unknown>[]) {
  const columns = getTableColumns(table);
  const definitions = Object.keys(rows[0]!).map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return { key, name: ident(column.name), type: column.getSQLType() };
  });
  return {
    into: sql.raw(`${ident(getTableName(table))} (${definitions.map((d) => d.name).join(', ')})`),
    recordType: sql.raw(definitions.map((d) => `${ident(d.key)} ${d.type}`).join(', ')),
    selected: sql.raw(definitions.map((d) => ident(d.key)).join(', ')),
    columnOf: (key: string) => definitions.find((d) => d.key === key)?.name,
  };
}

/**
 * Inserts `rows` (all with the same keys, each a column of `table`) and returns the `returning` columns
 * of the rows actually inserted (none unless asked). `conflict` is appended as is, e.g.
 * sql`on conflict do nothing`.
 *
 * @example
 * const inserted = await insertJsonRows(db, messages, rows, ['program_id', 'message_id'], sql`on conflict do nothing`);
 */
export async function insertJsonRows<Row extends Record<string, unknown>>(
  db: Db | Tx,
  table: PgTable,
  rows: Row[],
  returning: string[] = [],
  conflict?: SQL,
): Promise<Record<string, unknown>[]> {
  if (!rows.length) return [];
  const { into, recordType, selected } = insertParts(table, rows);
  const returned = returning.length ? sql.raw(`returning ${returning.map(ident).join(', ')}`) : sql``;
  return queryRows(
    db,
    sql`insert into ${into}
      select ${selected} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${recordType})
      ${conflict ?? sql``} ${returned}`,
  );
}

/**
 * Inserts `rows` as `insertJsonRows` does, with a conflict clause that may skip some, and returns the `keys`
 * (row keys, e.g. `messageId`) of the rows it skipped: usually none, where returning every inserted row
 * would send the whole batch back. `keys` must identify a row.
 *
 * @example
 * const skipped = await insertJsonRowsSkipped(db, messages, rows, ['programId', 'messageId'], sql`on conflict do nothing`);
 */
export async function insertJsonRowsSkipped<Row extends Record<string, unknown>>(
  db: Db | Tx,
  table: PgTable,
  rows: Row[],
  keys: (keyof Row & string)[],
  conflict: SQL,
): Promise<Record<string, unknown>[]> {
  if (!rows.length) return [];
  const { into, recordType, selected, columnOf } = insertParts(table, rows);
  const keyList = sql.raw(keys.map(ident).join(', '));
  const returned = sql.raw(
    keys
      .map((key) => {
        const column = columnOf(key);
        if (!column) throw new Error(`rows have no key ${key}`);
        return `${column} as ${ident(key)}`;
      })
      .join(', '),
  );
  return queryRows(
    db,
    sql`with input as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(${recordType})
      ), inserted as (
        insert into ${into} select ${selected} from input ${conflict} returning ${returned}
      )
      select ${keyList} from input except select ${keyList} from inserted`,
  );
}
