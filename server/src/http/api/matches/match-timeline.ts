// A match's history for the dashboard: lifecycle steps, messages, check-ins, nudges and prompts.
import type { TimelineEntry } from '@peerpost/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { checkIns, matches, messages, nudges, promptsSent } from '../../../db/schema';

export async function matchTimeline(db: Db, matchId: string): Promise<TimelineEntry[]> {
  const [match] = await db.select().from(matches).where(eq(matches.id, matchId));
  const [mail, answers, sentNudges, sentPrompts] = await Promise.all([
    db
      .select({ at: messages.sentAt, autoReply: messages.autoReply })
      .from(messages)
      .where(eq(messages.matchId, matchId)),
    db
      .select({ at: checkIns.answeredAt, score: checkIns.score })
      .from(checkIns)
      .where(eq(checkIns.matchId, matchId)),
    db
      .select({ at: nudges.createdAt, reason: nudges.reason })
      .from(nudges)
      .where(eq(nudges.matchId, matchId)),
    db
      .select({ at: promptsSent.sentAt, key: promptsSent.promptKey })
      .from(promptsSent)
      .where(eq(promptsSent.matchId, matchId)),
  ]);
  const entries: Array<{ at: Date | null; kind: string; text?: string }> = [
    { at: match?.createdAt ?? null, kind: 'proposed' },
    { at: match?.approvedAt ?? null, kind: 'approved' },
    { at: match?.startedAt ?? null, kind: 'started' },
    { at: match?.closedAt ?? null, kind: 'closed', text: match?.closeReason ?? undefined },
    ...mail.map((row) => ({ at: row.at, kind: row.autoReply ? 'auto-reply' : 'message' })),
    ...answers.map((row) => ({ at: row.at, kind: 'check-in', text: `pulse ${row.score}` })),
    ...sentNudges.map((row) => ({ at: row.at, kind: 'nudge', text: row.reason })),
    ...sentPrompts.map((row) => ({ at: row.at, kind: 'prompt', text: row.key })),
  ];
  return entries
    .filter((entry): entry is { at: Date; kind: string; text?: string } => entry.at !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((entry) => ({ ...entry, at: entry.at.toISOString() }));
}
