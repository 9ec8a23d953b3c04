// Called after a message is attributed to a match (e.g. to recompute the pair's health). A failing
// hook is logged by the caller and never undoes the ingest.
import type { Db } from '../../db/client';

export type MessageIngestedHook = (db: Db, matchId: string, at: Date) => Promise<void>;

export const onMessageIngested: MessageIngestedHook[] = [];
