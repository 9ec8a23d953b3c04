// The proposal as the coordinator reviews it: each match with its people, score and reasons, the people
// left unmatched, and totals.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { matches } from '../../db/schema';
import { currentMembers } from '../lifecycle/match-members';
import { loadMatchingPool } from './matching-pool';

export interface ProposalView {
  matches: {
    id: string;
    members: { id: string; name: string; email: string }[];
    score: number;
    pinned: boolean;
    explanation: string[];
  }[];
  unmatched: { id: string; name: string; email: string }[];
  totals: { matches: number; people: number; totalScore: number; meanScore: number; unmatched: number };
}

export async function viewProposal(db: Db, programId: string): Promise<ProposalView> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(matches)
      .where(and(eq(matches.programId, programId), inArray(matches.status, ['proposed'])));
    const members = await currentMembers(
      tx,
      rows.map((row) => row.id),
    );
    const pool = await loadMatchingPool(tx, programId);
    const list = rows
      .map((row) => ({
        id: row.id,
        members: (members.get(row.id) ?? []).map((m) => ({
          id: m.participantId,
          name: m.name,
          email: m.email,
        })),
        score: row.compatibility,
        pinned: row.pinned,
        explanation: row.explanation,
      }))
      .sort(
        (x, y) => y.score - x.score || (x.members[0]?.email ?? '').localeCompare(y.members[0]?.email ?? ''),
      );
    const totalScore = Math.round(list.reduce((sum, match) => sum + match.score, 0) * 1000) / 1000;
    return {
      matches: list,
      unmatched: pool.profiles.map((p) => ({ id: p.id, name: p.name, email: p.email })),
      totals: {
        matches: list.length,
        people: list.reduce((sum, match) => sum + match.members.length, 0),
        totalScore,
        meanScore: list.length ? Math.round((totalScore / list.length) * 1000) / 1000 : 0,
        unmatched: pool.profiles.length,
      },
    };
  });
}
