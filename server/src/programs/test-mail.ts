// Test helpers that read queued mail and the links inside it. Only imported by tests.
import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { outboxJobs } from '../db/schema';

export function outboxWhere(db: Db, keyPrefix: string) {
  return db
    .select()
    .from(outboxJobs)
    .where(like(outboxJobs.idempotencyKey, `${keyPrefix}%`))
    .orderBy(outboxJobs.id);
}

export async function outboxTo(db: Db, keyPrefix: string, email: string) {
  const rows = await outboxWhere(db, keyPrefix);
  return rows.filter((row) => row.toAddresses.includes(email));
}

/** The token of the first `/<path>/<token>` link in a mail body. */
export function linkToken(text: string, path: string): string {
  const found = new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(text);
  if (!found) throw new Error(`no /${path}/ link in mail`);
  return found[1]!;
}

export function outboxByKey(db: Db, key: string) {
  return db
    .select()
    .from(outboxJobs)
    .where(and(eq(outboxJobs.idempotencyKey, key)));
}
