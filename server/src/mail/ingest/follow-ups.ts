// What ingest owes after storing messages (keep-open, health, stated goals), made durable the way the
// outbox makes mail durable: a row in `ingest_follow_ups`, written in the same transaction as the
// messages, deleted once the hooks have run for it. A process that dies between the two (or hooks that
// fail) leaves the row, and the mailbox's next sync runs it: at least once, and the hooks are idempotent.
// Only one process syncs a mailbox (lease), so nothing else runs a mailbox's rows meanwhile.
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { ingestFollowUps } from '../../db/schema';
import type { Logger } from '../../logger';
import { type BackoffPolicy, retryDelayMs } from '../send/backoff';
import { emptyBatch, type IngestedBatch, mergeBatch, runHooks } from './hooks';

/**
 * A failed run is retried after 1, 2, 4… minutes (at most an hour, with jitter, as the outbox does), so a
 * passing outage does not use the attempts up; after the last one the row is left alone, kept for an
 * operator (`attempts = 0` retries it).
 */
export const followUpRetry: BackoffPolicy = { baseMs: 60_000, maxMs: 60 * 60_000, maxAttempts: 8 };

/** Hooks' input plus the rows that record it and the most failed runs any of them has had (0: fresh). */
export interface OwedBatch extends IngestedBatch {
  followUps: number[];
  attempts?: number;
}

export const nothingOwed = (): OwedBatch => ({ ...emptyBatch(), followUps: [], attempts: 0 });

/** Records what `batch` owes; call it in the transaction that stores its messages. */
export async function oweFollowUp(
  tx: Db | Tx,
  mailboxKey: string,
  batch: IngestedBatch,
): Promise<number | undefined> {
  if (!batch.engaged.size) return undefined;
  const [row] = await tx
    .insert(ingestFollowUps)
    .values({
      mailboxKey,
      engaged: [...batch.engaged].map(([matchId, at]) => [matchId, at.toISOString()]),
      statedGoals: batch.statedGoals,
    })
    .returning({ id: ingestFollowUps.id });
  return row!.id;
}

/**
 * Runs the hooks for `owed`, then deletes its rows, or counts a failed attempt on them so that a later
 * sync retries them. Never throws: ingest goes on whatever happens here.
 */
export async function runFollowUps(
  db: Db,
  logger: Logger | undefined,
  owed: OwedBatch,
  now = new Date(),
): Promise<void> {
  const ok = await runHooks(db, logger, owed);
  if (!owed.followUps.length) return;
  try {
    const mine = inArray(ingestFollowUps.id, owed.followUps);
    if (ok) await db.delete(ingestFollowUps).where(mine);
    else {
      const retryAt = new Date(now.getTime() + retryDelayMs((owed.attempts ?? 0) + 1, followUpRetry));
      const spent = await db
        .update(ingestFollowUps)
        .set({ attempts: sql`${ingestFollowUps.attempts} + 1`, nextAttemptAt: retryAt })
        .where(mine)
        .returning({ attempts: ingestFollowUps.attempts });
      const givenUp = spent.filter((row) => row.attempts >= followUpRetry.maxAttempts).length;
      if (givenUp)
        logger?.error(
          { followUps: givenUp, attempts: followUpRetry.maxAttempts },
          'ingest follow-up failed too often; left in ingest_follow_ups',
        );
    }
  } catch (error) {
    // The rows stay as they were: the next sync runs them again.
    logger?.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'ingest follow-up not settled',
    );
  }
}

/** What is owed and due for a mailbox (oldest first, so later goals win), as one batch for the hooks. */
export async function owedFollowUps(db: Db, mailboxKey: string, now = new Date()): Promise<OwedBatch> {
  const rows = await db
    .select()
    .from(ingestFollowUps)
    .where(
      and(
        eq(ingestFollowUps.mailboxKey, mailboxKey),
        lt(ingestFollowUps.attempts, followUpRetry.maxAttempts),
        lte(ingestFollowUps.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(ingestFollowUps.id));
  const owed = nothingOwed();
  for (const row of rows) {
    mergeBatch(owed, {
      engaged: new Map(row.engaged.map(([matchId, at]) => [matchId, new Date(at)])),
      statedGoals: row.statedGoals,
    });
    owed.followUps.push(row.id);
    owed.attempts = Math.max(owed.attempts ?? 0, row.attempts);
  }
  return owed;
}

/** At the start of a sync: runs what earlier syncs (or a process that died) left owed and is due. */
export async function runOwedFollowUps(
  db: Db,
  mailboxKey: string,
  logger?: Logger,
  now = new Date(),
): Promise<number> {
  const owed = await owedFollowUps(db, mailboxKey, now);
  if (!owed.followUps.length) return 0;
  logger?.info({ mailboxKey, followUps: owed.followUps.length }, 'running owed ingest follow-ups');
  await runFollowUps(db, logger, owed, now);
  return owed.followUps.length;
}
