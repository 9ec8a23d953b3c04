// `column = any($1::text[])`: a list of values as one array parameter. `inArray` binds one parameter per
// value, and for ingest's thousand-value lookups building and binding those costs more than the query.
import { type Column, type SQL, sql } from 'drizzle-orm';

export function anyOf(column: Column | SQL, values: string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}
