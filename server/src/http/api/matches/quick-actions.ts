// The coordinator's quick actions from the sidebar: nudge the members now, leave a note, flag the pair for
// follow-up. Every one is written to the audit log; a nudge also goes through the one nudge path
// (quiet hours, opt-out and dedupe still apply).
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../access/audit';
import type { Db } from '../../../db/client';
import { matches, programs } from '../../../db/schema';
import { deliverNudge } from '../../../health/nudges/deliver-nudge';
import { currentMembers } from '../../../programs/lifecycle/match-members';

/** `keep-open`: the pair is never auto-concluded for dormancy (a coordinator knows why it is quiet). */
export type QuickAction = 'nudge' | 'note' | 'flag' | 'keep-open';

export async function runQuickAction(
  db: Db,
  actorUserId: string,
  match: typeof matches.$inferSelect,
  action: QuickAction,
  note: string | undefined,
  now = new Date(),
): Promise<{ nudged: number }> {
  let nudged = 0;
  if (action === 'nudge') {
    const [program] = await db.select().from(programs).where(eq(programs.id, match.programId));
    const members = (await currentMembers(db, [match.id])).get(match.id) ?? [];
    for (const member of members) {
      const outcome = await deliverNudge(
        db,
        {
          matchId: match.id,
          matchClosed: match.status === 'closed',
          programId: match.programId,
          programAddress: program!.address,
          nudgeEveryDays: 0,
        },
        {
          userId: member.userId,
          audience: 'member',
          kind: 'coordinator',
          reason: 'Your coordinator sent a reminder',
          subject: 'a note from your coordinator',
          message:
            note ??
            'Your program coordinator wonders how your exchange is going. A short reply to your peer keeps it alive.',
          dedupeKey: `coordinator:${match.id}:${member.userId}:${now.toISOString().slice(0, 10)}`,
        },
        now,
      );
      if (outcome.sent) nudged += 1;
    }
  }
  if (action === 'keep-open')
    await db.update(matches).set({ keepOpen: true }).where(eq(matches.id, match.id));
  await recordAudit(db, {
    actorUserId,
    action: `match.${action}`,
    targetType: 'match',
    targetId: match.id,
    programId: match.programId,
    details: { ...(note ? { note } : {}), ...(action === 'nudge' ? { nudged } : {}) },
  });
  return { nudged };
}
