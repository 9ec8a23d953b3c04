// Database leases: one holder per name across every Peerpost process (scheduler ticks, mailbox sync…).
// Taking a lease is one atomic statement, so two processes can never both believe they hold it.
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from './client';

/**
 * Takes the lease `name` for `ttlMs` when it is free, expired, or already held by `owner` (renewal).
 * Returns true when `owner` now holds it.
 * @example if (await tryAcquireLease(db, 'health-tick', ctx.instanceId, 60_000)) await tick();
 */
export async function tryAcquireLease(
  db: Db | Tx,
  name: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const rows = await queryRows<{ owner: string }>(
    db,
    sql`insert into leases (name, owner, expires_at)
        values (${name}, ${owner}, now() + make_interval(secs => ${ttlMs / 1000}))
        on conflict (name) do update set owner = excluded.owner, expires_at = excluded.expires_at
        where leases.expires_at < now() or leases.owner = excluded.owner
        returning owner`,
  );
  return rows.length === 1;
}

/** Gives the lease back early (only when `owner` holds it). */
export async function releaseLease(db: Db | Tx, name: string, owner: string): Promise<void> {
  await db.execute(sql`delete from leases where name = ${name} and owner = ${owner}`);
}
