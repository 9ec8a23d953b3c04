// Called after a message is attributed to a match. A failing hook is logged by the caller and never
// undoes the ingest. Health is recomputed at once: a new message is the strongest signal there is.
import type { Db } from '../../db/client';
import { recomputeMatchHealth } from '../../health/recompute';

export type MessageIngestedHook = (db: Db, matchId: string, at: Date) => Promise<void>;

export const onMessageIngested: MessageIngestedHook[] = [
  async (db, matchId) => {
    await recomputeMatchHealth(db, matchId, new Date());
  },
];
