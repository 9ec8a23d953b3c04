// Bulk insert with two parameters: the rows travel as a JSON array and PostgreSQL unpacks them with
// json_to_recordset (plain json is read in one pass, where jsonb would first be built and then read).
// Drizzle's multi-row insert binds one parameter per cell and spends more time building the statement
// than the database spends running it; ingest inserts thousands of rows a second.
// The JSON is kept small, since both sides pay for every byte: a value every row shares (the program, the
// mailbox) is sent once, in a one-row record joined to every row, and the rows' keys are short aliases.
// Only for plain columns (text, numbers, booleans, timestamps, uuid, text[]): JSON has no bytea.
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client';
import { queryRows } from './client';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** a, b, …, z, ba, bb, …: the short JSON key of the n-th column of the rows (or of the shared record). */
function alias(n: number): string {
  return n < 26 ? letter(n) : `${letter(Math.floor(n / 26))}${letter(n % 26)}`;
}

const letter = (i: number) => String.fromCharCode(97 + i);

const sameValue = (a: unknown, b: unknown) =>
  a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());

/** Whether every row has the same scalar value under `key` (arrays and objects count as varying). */
function sharedByAll(rows: Record<string, unknown>[], key: string): boolean {
  const first = rows[0]![key];
  if (first !== null && typeof first === 'object' && !(first instanceof Date)) return false;
  for (let i = 1; i < rows.length; i++) if (!sameValue(rows[i]![key], first)) return false;
  return true;
}

/**
 * The column list, the source (the rows' JSON, joined to the shared values' record) and the select list
 * (each value named by its row key) of `rows` turned into an insert of `table`.
 */
function insertParts(table: PgTable, rows: Record<string, unknown>[]) {
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!);
  const definitions = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return { key, name: ident(column.name), type: column.getSQLType() };
  });
  // At least one key stays in the rows, or they could not be counted.
  const shared = rows.length > 1 ? definitions.filter((d) => sharedByAll(rows, d.key)) : [];
  if (shared.length === definitions.length) shared.pop();
  const varying = definitions.filter((d) => !shared.includes(d));
  const recordType = (list: typeof definitions) =>
    list.map((d, i) => `${ident(alias(i))} ${d.type}`).join(', ');
  const aliases = varying.map((_, i) => alias(i));
  const rowsJson = JSON.stringify(
    rows.map((row) => {
      const short: Record<string, unknown> = {};
      for (let i = 0; i < varying.length; i++) short[aliases[i]!] = row[varying[i]!.key];
      return short;
    }),
  );
  const sharedJson = JSON.stringify(Object.fromEntries(shared.map((d, i) => [alias(i), rows[0]![d.key]])));
  const source = shared.length
    ? sql`json_to_recordset(${rowsJson}::json) as r(${sql.raw(recordType(varying))})
        cross join json_to_record(${sharedJson}::json) as s(${sql.raw(recordType(shared))})`
    : sql`json_to_recordset(${rowsJson}::json) as r(${sql.raw(recordType(varying))})`;
  const valueIn = (d: (typeof definitions)[number]) =>
    shared.includes(d) ? `s.${ident(alias(shared.indexOf(d)))}` : `r.${ident(alias(varying.indexOf(d)))}`;
  return {
    into: sql.raw(`${ident(getTableName(table))} (${definitions.map((d) => d.name).join(', ')})`),
    source,
    selected: sql.raw(definitions.map((d) => `${valueIn(d)} as ${ident(d.key)}`).join(', ')),
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
  const { into, source, selected } = insertParts(table, rows);
  const returned = returning.length ? sql.raw(`returning ${returning.map(ident).join(', ')}`) : sql``;
  return queryRows(
    db,
    sql`insert into ${into} select ${selected} from ${source} ${conflict ?? sql``} ${returned}`,
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
  const { into, source, selected, columnOf } = insertParts(table, rows);
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
    sql`with input as (select ${selected} from ${source}), inserted as (
        insert into ${into} select * from input ${conflict} returning ${returned}
      )
      select ${keyList} from input except select ${keyList} from inserted`,
  );
}
