// Sends one nudge candidate if the rules allow: records the nudge (with its reason) and queues its mail in
// one transaction. Safe with several processes: the recipient's row is locked while the rate limit is
// checked, and the unique dedupe key lets only one insert of a situation win.
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { nudges, users } from '../../db/schema';
import type { NudgeCandidate } from './candidates';
import { queueNudgeMail } from './queue-nudge-mail';
import { type NudgeBlock, nudgeBlock } from './rules';

export interface NudgeTarget {
  matchId: string;
  matchClosed: boolean;
  programId: string;
  programAddress: string;
  nudgeEveryDays: number;
}

export type NudgeOutcome =
  | { sent: true; nudgeId: string }
  | { sent: false; why: NudgeBlock | 'duplicate' | 'no-recipient' | 'snoozed' };

export async function deliverNudge(
  db: Db,
  target: NudgeTarget,
  candidate: NudgeCandidate,
  now: Date,
): Promise<NudgeOutcome> {
  return db.transaction(async (tx) => {
    const [recipient] = await tx.select().from(users).where(eq(users.id, candidate.userId)).for('update');
    if (!recipient) return { sent: false, why: 'no-recipient' };
    const [seen] = await tx
      .select({ id: nudges.id })
      .from(nudges)
      .where(eq(nudges.dedupeKey, candidate.dedupeKey));
    if (seen) return { sent: false, why: 'duplicate' };
    // The person snoozed reminders about this match (from the sidebar).
    const [snoozed] = await tx
      .select({ id: nudges.id })
      .from(nudges)
      .where(
        and(
          eq(nudges.userId, candidate.userId),
          eq(nudges.matchId, target.matchId),
          gt(nudges.snoozedUntil, now),
        ),
      )
      .limit(1);
    if (snoozed) return { sent: false, why: 'snoozed' };
    // Members: one nudge per person per N days. Coordinators: per person and pair, so that an alert about
    // one pair never hides an alert about another.
    const [last] = await tx
      .select({ at: nudges.createdAt })
      .from(nudges)
      .where(
        and(
          eq(nudges.userId, candidate.userId),
          eq(nudges.audience, candidate.audience),
          candidate.audience === 'coordinator' ? eq(nudges.matchId, target.matchId) : undefined,
        ),
      )
      .orderBy(desc(nudges.createdAt))
      .limit(1);
    const block = nudgeBlock({
      recipient: { ...recipient, userId: recipient.id },
      matchClosed: target.matchClosed,
      lastNudgeAt: last?.at ?? null,
      nudgeEveryDays: target.nudgeEveryDays,
      now,
    });
    if (block) return { sent: false, why: block };
    const [row] = await tx
      .insert(nudges)
      .values({
        matchId: target.matchId,
        userId: candidate.userId,
        audience: candidate.audience,
        kind: candidate.kind,
        reason: candidate.reason,
        dedupeKey: candidate.dedupeKey,
        createdAt: now,
      })
      .onConflictDoNothing({ target: nudges.dedupeKey })
      .returning({ id: nudges.id });
    if (!row) return { sent: false, why: 'duplicate' };
    const jobId = await queueNudgeMail(tx, {
      dedupeKey: candidate.dedupeKey,
      programId: target.programId,
      programAddress: target.programAddress,
      to: recipient.email,
      subject: `Peerpost: ${candidate.subject}`,
      textBody: nudgeText(recipient.name, candidate.message),
    });
    await tx.update(nudges).set({ outboxJobId: jobId }).where(sql`${nudges.id} = ${row.id}`);
    return { sent: true, nudgeId: row.id };
  });
}

function nudgeText(name: string, message: string): string {
  const first = name.split(' ')[0] || name;
  return [
    `Hi ${first},`,
    '',
    message,
    '',
    '--',
    'Peerpost sends at most one reminder every few days, never during your quiet hours.',
    'You can turn these reminders off in your Peerpost settings.',
  ].join('\n');
}
