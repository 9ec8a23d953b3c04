// Called after an ingest batch with the matches that got new engagement (and the time of the latest
// such message each). A failing hook is logged by the caller and never undoes the ingest. Health is
// recomputed at once: a new message is the strongest signal there is.
import type { Db } from '../../db/client';
import { recomputeHealthOf } from '../../health/recompute';

export type MessageIngestedHook = (db: Db, engaged: Map<string, Date>) => Promise<void>;

export const onMessageIngested: MessageIngestedHook[] = [
  async (db, engaged) => {
    await recomputeHealthOf(db, [...engaged.keys()], new Date());
  },
];
