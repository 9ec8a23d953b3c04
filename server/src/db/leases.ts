// Database leases: only one process runs a named job (e.g. syncing one mailbox) at a time. A lease is
// taken when free, expired, or already ours (renewal); it simply lapses if its owner dies.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { queryRows } from './client';

export async function tryAcquireLease(db: Db, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`INSERT INTO leases (name, owner, expires_at)
        VALUES (${name}, ${owner}, now() + make_interval(secs => ${ttlMs / 1000}))
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE leases.expires_at < now() OR leases.owner = ${owner}
        RETURNING name`,
  );
  return rows.length > 0;
}

export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.execute(sql`DELETE FROM leases WHERE name = ${name} AND owner = ${owner}`);
}
