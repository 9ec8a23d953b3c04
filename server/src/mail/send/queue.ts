// The outbox queue in the database: claiming due jobs (several processes at once, FOR UPDATE SKIP LOCKED),
// and recording each outcome. Every write after a claim is fenced by `locked_by`, so a worker whose lock
// expired and was taken over can never overwrite what the new owner decided.
import { and, eq, getTableColumns, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { outboxJobs, undeliverableAddresses } from '../../db/schema';

export type OutboxJob = typeof outboxJobs.$inferSelect;

export interface ClaimedJob extends OutboxJob {
  /**
   * True when the job was found in `sending` with an expired lock: an earlier attempt may have delivered
   * it (a crash after the SMTP reply, or a dropped connection), so the evidence decides before any resend.
   */
  needsReconciliation: boolean;
}

/**
 * Claims up to `limit` due jobs for `owner` and locks them for `lockMs`, in one statement that returns the
 * claimed rows: one round trip per batch.
 */
export async function claimJobs(db: Db, owner: string, limit: number, lockMs: number): Promise<ClaimedJob[]> {
  const due = db.$with('due').as(
    db
      .select({ id: outboxJobs.id, previousStatus: sql<string>`${outboxJobs.status}`.as('previous_status') })
      .from(outboxJobs)
      .where(
        or(
          and(eq(outboxJobs.status, 'queued'), lte(outboxJobs.nextAttemptAt, sql`now()`)),
          and(eq(outboxJobs.status, 'sending'), lt(outboxJobs.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(outboxJobs.nextAttemptAt, outboxJobs.id)
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  const rows = await db
    .with(due)
    .update(outboxJobs)
    .set({
      status: 'sending',
      lockedBy: owner,
      lockedUntil: sql`now() + ${lockMs} * interval '1 millisecond'`,
      attempts: sql`${outboxJobs.attempts} + 1`,
    })
    .from(due)
    .where(eq(outboxJobs.id, due.id))
    .returning({ ...getTableColumns(outboxJobs), previousStatus: due.previousStatus });
  return rows
    .map(({ previousStatus, ...job }) => ({ ...job, needsReconciliation: previousStatus === 'sending' }))
    .sort((a, b) => a.id - b.id);
}

function owned(job: Pick<OutboxJob, 'id'>, owner: string) {
  return and(eq(outboxJobs.id, job.id), eq(outboxJobs.lockedBy, owner), eq(outboxJobs.status, 'sending'));
}

/** Records a delivery. Returns false when the lock was lost (another worker owns the job now). */
export async function markSent(db: Db, job: OutboxJob, owner: string, note: string | null = null) {
  const updated = await db
    .update(outboxJobs)
    .set({ status: 'sent', sentAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: note })
    .where(owned(job, owner))
    .returning({ id: outboxJobs.id });
  return updated.length === 1;
}

/** Certainly not delivered: back to the queue at `nextAttemptAt`. */
export async function scheduleRetry(db: Db, job: OutboxJob, owner: string, delayMs: number, error: string) {
  await db
    .update(outboxJobs)
    .set({
      status: 'queued',
      nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lockedBy: null,
      lockedUntil: null,
      lastError: error,
    })
    .where(owned(job, owner));
}

/**
 * Maybe delivered: the job stays `sending` with a lock that expires after the delay, so whichever worker
 * claims it next reconciles it against the evidence first (the same path as after a crash).
 */
export async function scheduleReconciliation(
  db: Db,
  job: OutboxJob,
  owner: string,
  delayMs: number,
  error: string,
) {
  await db
    .update(outboxJobs)
    .set({
      lockedBy: null,
      lockedUntil: sql`now() + ${delayMs} * interval '1 millisecond'`,
      nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      lastError: error,
    })
    .where(owned(job, owner));
}

/** Dead letter: never tried again; permanently refused recipients are remembered as undeliverable. */
export async function markDead(
  db: Db,
  job: OutboxJob,
  owner: string,
  error: string,
  rejected: string[] = [],
) {
  await db.transaction(async (tx) => {
    await tx
      .update(outboxJobs)
      .set({ status: 'dead', lockedBy: null, lockedUntil: null, lastError: error })
      .where(owned(job, owner));
    await recordUndeliverable(tx, rejected, error);
  });
}

export async function recordUndeliverable(db: Db | Tx, addresses: string[], reason: string) {
  if (addresses.length === 0) return;
  await db
    .insert(undeliverableAddresses)
    .values([...new Set(addresses.map(normaliseAddress))].map((address) => ({ address, reason })))
    .onConflictDoNothing();
}

/** Which of these addresses are known to bounce permanently. */
export async function undeliverableAmong(db: Db, addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await db
    .select({ address: undeliverableAddresses.address })
    .from(undeliverableAddresses)
    .where(inArray(undeliverableAddresses.address, [...new Set(addresses.map(normaliseAddress))]));
  return new Set(rows.map((row) => row.address));
}

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** Gives a claimed but unstarted job back (e.g. on shutdown), as if it had never been claimed. */
export async function releaseJob(db: Db, job: OutboxJob, owner: string) {
  await db
    .update(outboxJobs)
    .set({ status: 'queued', attempts: sql`${outboxJobs.attempts} - 1`, lockedBy: null, lockedUntil: null })
    .where(owned(job, owner));
}

export type OutboxStatus = OutboxJob['status'];

/** markSent for many jobs in one statement; returns the ids that were still owned (and are now sent). */
export async function markManySent(db: Db, ids: number[], owner: string): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const updated = await db
    .update(outboxJobs)
    .set({ status: 'sent', sentAt: sql`now()`, lockedBy: null, lockedUntil: null, lastError: null })
    .where(and(inArray(outboxJobs.id, ids), eq(outboxJobs.lockedBy, owner), eq(outboxJobs.status, 'sending')))
    .returning({ id: outboxJobs.id });
  return new Set(updated.map((row) => row.id));
}

/**
 * Heartbeat: extends the locks of the jobs this worker still holds, so a slow send never loses its claim.
 * Only those: a job whose outcome could not be recorded must let its lock expire, to be reconciled.
 */
export async function extendLocks(db: Db, owner: string, ids: number[], lockMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(outboxJobs)
    .set({ lockedUntil: sql`now() + ${lockMs} * interval '1 millisecond'` })
    .where(
      and(inArray(outboxJobs.id, ids), eq(outboxJobs.lockedBy, owner), eq(outboxJobs.status, 'sending')),
    );
}
