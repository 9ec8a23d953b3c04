// What a member does from the sidebar besides check-ins: mark a prompt used, snooze reminders, leave.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { nudges, promptsSent } from '../../../db/schema';
import { PeerpostError } from '../../../errors';
import { leaveMatch } from '../../../programs/lifecycle/leave-match';

export async function markPromptUsed(db: Db, matchId: string, promptKey: string, now = new Date()) {
  const [row] = await db
    .update(promptsSent)
    .set({ usedAt: now })
    .where(
      and(eq(promptsSent.matchId, matchId), eq(promptsSent.promptKey, promptKey), isNull(promptsSent.usedAt)),
    )
    .returning({ id: promptsSent.id });
  if (!row) throw new PeerpostError('ENOTFOUND', 'No such unused prompt in this match');
}

/** One snooze marker per person and match; the nudge path skips the person while it lasts. */
export async function snoozeNudges(db: Db, matchId: string, userId: string, days: number, now = new Date()) {
  const until = new Date(now.getTime() + days * 86_400_000);
  await db
    .insert(nudges)
    .values({
      matchId,
      userId,
      audience: 'member',
      kind: 'snooze',
      reason: `Reminders snoozed for ${days} days from the sidebar`,
      dedupeKey: `snooze:${matchId}:${userId}`,
      snoozedUntil: until,
      createdAt: now,
    })
    .onConflictDoUpdate({ target: nudges.dedupeKey, set: { snoozedUntil: until } });
  return until;
}

export async function leaveMatchAsMember(db: Db, matchId: string, email: string, publicUrl: string) {
  const result = await db.transaction((tx) => leaveMatch(tx, matchId, email, new Date(), { publicUrl }));
  if (!result.ok) throw new PeerpostError('ENOTFOUND', 'Not a member of this match');
  return { matchClosed: result.matchClosed };
}
