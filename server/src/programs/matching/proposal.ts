// The coordinator's proposal: matches with status "proposed", made by the solver from the unmatched
// pool. Proposing again replaces the proposal except pinned matches; review actions edit it in place.
import { randomBytes } from 'node:crypto';
import { planMatches } from '@peerpost/shared/matching/plan-matches';
import { resolveWeights } from '@peerpost/shared/matching/weights';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { matches, matchMembers, participants, programs } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { loadMatchingPool, type PairIds } from './matching-pool';

type Program = typeof programs.$inferSelect;

export interface ProposalRound {
  matchIds: string[];
  unmatchedIds: string[];
  graph: { vertices: number; edges: number; sparse: boolean };
}

/** The date working hours are compared on: the program start, else today. */
export function referenceDate(program: Program): Date {
  return program.startsOn ? new Date(`${program.startsOn}T12:00:00Z`) : new Date();
}

export async function lockProgramForMatching(tx: Tx, programId: string): Promise<Program> {
  const [program] = await tx.select().from(programs).where(eq(programs.id, programId)).for('update');
  if (!program) throw new PeerpostError('ENOTFOUND', 'No such program');
  if (program.status !== 'matching' && program.status !== 'running') {
    throw new PeerpostError(
      'ECONFLICT',
      `Matching needs the program in "matching" (or "running", for rematches); it is ${program.status}`,
    );
  }
  return program;
}

/** Inserts proposed matches for groups of participant ids; returns their ids in the same order. */
export async function insertProposedMatches(
  tx: Tx,
  programId: string,
  planned: { memberIds: string[]; score: number; pinned: boolean; explanation: string[] }[],
): Promise<string[]> {
  if (planned.length === 0) return [];
  const created = await tx
    .insert(matches)
    .values(
      planned.map((match) => ({
        programId,
        token: randomBytes(8).toString('hex'),
        compatibility: match.score,
        explanation: match.explanation,
        pinned: match.pinned,
      })),
    )
    .returning({ id: matches.id });
  const memberIds = planned.flatMap((match) => match.memberIds);
  const people = await tx
    .select({ id: participants.id, userId: participants.userId })
    .from(participants)
    .where(inArray(participants.id, memberIds));
  const userOf = new Map(people.map((person) => [person.id, person.userId]));
  await tx.insert(matchMembers).values(
    planned.flatMap((match, i) =>
      match.memberIds.map((participantId) => ({
        matchId: created[i]!.id,
        participantId,
        userId: userOf.get(participantId)!,
      })),
    ),
  );
  return created.map((row) => row.id);
}

/** Matches everyone in the program's unmatched pool (this round also avoids `extraBlocked`). */
export async function matchUnmatched(
  tx: Tx,
  program: Program,
  extraBlocked: PairIds[] = [],
): Promise<ProposalRound> {
  const pool = await loadMatchingPool(tx, program.id);
  const plan = planMatches({
    profiles: pool.profiles,
    weights: resolveWeights(program.matchingWeights),
    pairSize: program.pairSize === 3 ? 3 : 2,
    reference: referenceDate(program),
    pinned: pool.pinned,
    blocked: [...pool.blocked, ...extraBlocked],
  });
  const matchIds = await insertProposedMatches(tx, program.id, plan.matches);
  return { matchIds, unmatchedIds: plan.unmatchedIds, graph: plan.graph };
}

/** Deletes proposed matches (never approved or running ones). */
export async function dissolveProposed(tx: Tx, matchIds: string[]): Promise<void> {
  if (matchIds.length === 0) return;
  await tx.delete(matches).where(and(inArray(matches.id, matchIds), eq(matches.status, 'proposed')));
}

/** Dissolves the proposal except pinned matches and matches everyone unmatched again. */
export async function reproposeAll(
  tx: Tx,
  program: Program,
  extraBlocked: PairIds[] = [],
): Promise<ProposalRound> {
  const stale = await tx
    .select({ id: matches.id })
    .from(matches)
    .where(and(eq(matches.programId, program.id), eq(matches.status, 'proposed'), eq(matches.pinned, false)));
  await dissolveProposed(
    tx,
    stale.map((row) => row.id),
  );
  return matchUnmatched(tx, program, extraBlocked);
}

/**
 * Proposes matches for the program: replaces the current proposal (pinned matches stay) with the
 * solver's best matching of everyone unmatched.
 * @example const { matchIds } = await proposeMatches(db, program.id);
 */
export async function proposeMatches(db: Db, programId: string): Promise<ProposalRound> {
  return db.transaction(async (tx) => reproposeAll(tx, await lockProgramForMatching(tx, programId)));
}
