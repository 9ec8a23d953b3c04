// Called after an ingest batch with the matches that got new engagement (and the time of the latest
// such message each) and the goals members stated. A failing hook is logged by the caller and never
// undoes the ingest. Health is recomputed at once: a new message is the strongest signal there is.
import type { Db } from '../../db/client';
import { recomputeHealthOf } from '../../health/recompute';
import { keepOpenAfterMessages } from '../../programs/partnership/conclusion';
import { recordGoals } from '../../programs/partnership/goals';
import type { BatchResult } from './ingest-message';

export type IngestedBatch = Pick<BatchResult, 'engaged' | 'statedGoals'>;

export type MessageIngestedHook = (db: Db, batch: IngestedBatch) => Promise<void>;

export const onMessageIngested: MessageIngestedHook[] = [
  // A real message during a dormancy notice keeps the partnership open (before health sees it).
  async (db, { engaged }) => {
    await keepOpenAfterMessages(db, engaged);
  },
  async (db, { engaged }) => {
    await recomputeHealthOf(db, [...engaged.keys()], new Date());
  },
  // "Goal: …" lines in a member's reply (to the goal-setting prompt) become their shared goals.
  async (db, { statedGoals }) => {
    for (const stated of statedGoals) await recordGoals(db, stated);
  },
];
