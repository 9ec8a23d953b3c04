// Called after a message is attributed to a match. A failing hook is logged by the caller and never
// undoes the ingest. Health is recomputed at once: a new message is the strongest signal there is.
import type { Db } from '../../db/client';
import { recomputeMatchHealth } from '../../health/recompute';
import { keepOpenAfterMessage } from '../../programs/partnership/conclusion';
import { recordGoalsFromReply } from '../../programs/partnership/goals';

/** The real message that was stored: its sender and its decoded text (used, never stored, unless opted in). */
export interface IngestedMessage {
  from: string;
  text: string;
}

export type MessageIngestedHook = (
  db: Db,
  matchId: string,
  at: Date,
  message: IngestedMessage,
) => Promise<void>;

export const onMessageIngested: MessageIngestedHook[] = [
  async (db, matchId) => {
    await recomputeMatchHealth(db, matchId, new Date());
  },
  // A real message during a dormancy notice keeps the partnership open (issue 8).
  async (db, matchId, at) => {
    await keepOpenAfterMessage(db, matchId, at);
  },
  // "Goal: …" lines in a member's reply (to the goal-setting prompt) become their shared goals.
  async (db, matchId, _at, message) => {
    await recordGoalsFromReply(db, { matchId, fromAddress: message.from, text: message.text });
  },
];
