// Whether this installation can do its work: the database answers, the outbox is not stuck, and (when a
// mailbox is configured) a mailbox sync worker holds its lease and synced recently. Read from the database,
// so any process can answer for the workers of all of them.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { pingDatabase, queryRows } from '../../db/client';
import { leaseName } from '../../mail/ingest/sync-worker';

/** A queued mail this overdue means no sender is working. */
const OUTBOX_STUCK_SECONDS = 600;
const MAILBOX_STALE_SECONDS = 600;

export interface Readiness {
  ok: boolean;
  database: boolean;
  outbox: { ok: boolean; overdue: number };
  mailbox: { ok: boolean; configured: boolean; leaseHeld: boolean; lagSeconds: number | null };
}

export async function readiness(ctx: AppContext): Promise<Readiness> {
  const { db } = ctx.database;
  const key = ctx.config.mailbox.key;
  const configured = Boolean(ctx.config.mailbox.imap);
  if (!(await pingDatabase(db))) {
    return {
      ok: false,
      database: false,
      outbox: { ok: false, overdue: 0 },
      mailbox: { ok: !configured, configured, leaseHeld: false, lagSeconds: null },
    };
  }
  const [[outbox], [mailbox]] = await Promise.all([
    queryRows<{ overdue: number }>(
      db,
      sql`select count(*)::int as overdue from outbox_jobs
          where status = 'queued' and next_attempt_at < now() - make_interval(secs => ${OUTBOX_STUCK_SECONDS})`,
    ),
    queryRows<{ lease: boolean; lag: number | null }>(
      db,
      sql`select exists (select 1 from leases where name = ${leaseName(key)} and expires_at > now()) as lease,
            (select extract(epoch from now() - last_sync_at)::float8 from mailbox_sync where mailbox_key = ${key}) as lag`,
    ),
  ]);
  const overdue = outbox?.overdue ?? 0;
  const lagSeconds = mailbox?.lag ?? null;
  const leaseHeld = Boolean(mailbox?.lease);
  const mailboxOk = !configured || (leaseHeld && lagSeconds !== null && lagSeconds < MAILBOX_STALE_SECONDS);
  return {
    ok: overdue === 0 && mailboxOk,
    database: true,
    outbox: { ok: overdue === 0, overdue },
    mailbox: { ok: mailboxOk, configured, leaseHeld, lagSeconds },
  };
}
