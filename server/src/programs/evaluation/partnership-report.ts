// The report's partnership figures: goals set, reached, learned and taught (the mutual-exchange view of
// peer mentoring), agreements accepted, and pairs closed or about to close after a dormancy notice.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { agreements, goals, type matches } from '../../db/schema';
import { AUTO_CONCLUDED } from '../partnership/conclusion';

export interface GoalCounts {
  /** Goals recorded by members. */
  set: number;
  /** Goals marked done. */
  reached: number;
  /** Learning goals reached. */
  learned: number;
  /** Offers delivered: what members taught. */
  taught: number;
  /** Goals marked moving. */
  moving: number;
  membersWithGoals: number;
}

export interface PartnershipReport {
  goals: GoalCounts;
  agreements: { offered: number; acceptedByAll: number };
  conclusion: { autoConcluded: number; noticesPending: number; keptOpen: number };
}

export function countGoals(rows: { userId: string; kind: string; status: string }[]): GoalCounts {
  const done = rows.filter((row) => row.status === 'done');
  return {
    set: rows.length,
    reached: done.length,
    learned: done.filter((row) => row.kind === 'learn').length,
    taught: done.filter((row) => row.kind === 'offer').length,
    moving: rows.filter((row) => row.status === 'moving').length,
    membersWithGoals: new Set(rows.map((row) => row.userId)).size,
  };
}

export async function partnershipReport(
  db: Db,
  programMatches: (typeof matches.$inferSelect)[],
  matchIds: string[],
): Promise<PartnershipReport> {
  const goalRows = await db
    .select({ userId: goals.userId, kind: goals.kind, status: goals.status })
    .from(goals)
    .where(inArray(goals.matchId, matchIds));
  const agreed = await db
    .select({ matchId: agreements.matchId })
    .from(agreements)
    .where(inArray(agreements.matchId, matchIds));
  return {
    goals: countGoals(goalRows),
    agreements: {
      offered: agreed.length,
      acceptedByAll: programMatches.filter((m) => m.agreedCadenceDays !== null).length,
    },
    conclusion: {
      autoConcluded: programMatches.filter((m) => m.closeReason === AUTO_CONCLUDED).length,
      noticesPending: programMatches.filter((m) => m.status === 'active' && m.conclusionNoticeAt).length,
      keptOpen: programMatches.filter((m) => m.keepOpen && m.status !== 'closed').length,
    },
  };
}
