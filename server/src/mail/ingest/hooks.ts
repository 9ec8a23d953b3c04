// Called after an ingest batch with the matches that got new engagement (and the time of the latest
// such message each) and the goals members stated. A failing hook is logged and never undoes the ingest;
// what the hooks owe is durable (see follow-ups.ts), so a failed or interrupted run is made up later.
// Health is recomputed at once: a new message is the strongest signal there is. Every hook must be
// idempotent: after a crash the same batch may reach it again.
import type { Db } from '../../db/client';
import { recomputeHealthOf } from '../../health/recompute';
import type { Logger } from '../../logger';
import { keepOpenAfterMessages } from '../../programs/partnership/conclusion';
import { recordGoals } from '../../programs/partnership/goals';
import type { BatchResult } from './ingest-message';

export type IngestedBatch = Pick<BatchResult, 'engaged' | 'statedGoals'>;

export type MessageIngestedHook = (db: Db, batch: IngestedBatch) => Promise<void>;

export const onMessageIngested: MessageIngestedHook[] = [
  // A real message during a dormancy notice keeps the partnership open (before health sees it).
  // Twice is harmless: only a notice older than the message is cleared.
  async (db, { engaged }) => {
    await keepOpenAfterMessages(db, engaged);
  },
  async (db, { engaged }) => {
    await recomputeHealthOf(db, [...engaged.keys()], new Date());
  },
  // "Goal: …" lines in a member's reply (to the goal-setting prompt) become their shared goals. The
  // same list twice changes nothing: a member's goals are replaced by the list, same texts kept. One
  // list that fails does not keep the others from being recorded (a retry then redoes only harmless work).
  async (db, { statedGoals }) => {
    const failed: unknown[] = [];
    for (const stated of statedGoals) await recordGoals(db, stated).catch((error) => failed.push(error));
    if (failed.length)
      throw new AggregateError(
        failed,
        `${failed.length} of ${statedGoals.length} goal lists not recorded: ${String(failed[0])}`,
      );
  },
];

export const emptyBatch = (): IngestedBatch => ({ engaged: new Map(), statedGoals: [] });

/** Adds `batch` to `into`: each match keeps its latest time, goals stay in message order. */
export function mergeBatch(into: IngestedBatch, batch: IngestedBatch): IngestedBatch {
  for (const [matchId, at] of batch.engaged) {
    const before = into.engaged.get(matchId);
    if (!before || before < at) into.engaged.set(matchId, at);
  }
  into.statedGoals.push(...batch.statedGoals);
  return into;
}

/**
 * Runs every hook on `batch`; one failing does not stop the others. Returns whether all succeeded.
 * Logs carry the hook's position, the error and counts, never message content.
 */
export async function runHooks(db: Db, logger: Logger | undefined, batch: IngestedBatch): Promise<boolean> {
  if (!batch.engaged.size) return true;
  let ok = true;
  for (const [hook, run] of onMessageIngested.entries()) {
    try {
      await run(db, batch);
    } catch (error) {
      ok = false;
      logger?.warn(
        { hook, err: error instanceof Error ? error.message : String(error), matches: batch.engaged.size },
        'message-ingested hook failed; its work stays owed',
      );
    }
  }
  return ok;
}
