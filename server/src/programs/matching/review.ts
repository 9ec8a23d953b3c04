// The coordinator's review of a proposal: pin two people together, block a pair, swap two people
// between matches, unmatch a match, rematch one person. Each works in one transaction on proposed
// matches only; people freed by a change go back to the pool and get the best partner still available.
import { compatibility, prepareProfile } from '@peerpost/shared/matching/compatibility';
import { explainGroup } from '@peerpost/shared/matching/explanation';
import { resolveWeights } from '@peerpost/shared/matching/weights';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { matchConstraints, matches, matchMembers, participants, users } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { loadMatchingPool, toMatchingProfile } from './matching-pool';
import {
  dissolveProposed,
  lockProgramForMatching,
  matchUnmatched,
  type ProposalRound,
  referenceDate,
  reproposeAll,
} from './proposal';

type Program = Awaited<ReturnType<typeof lockProgramForMatching>>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A participant of the program by participant id or email. */
export async function findParticipant(db: Db | Tx, programId: string, idOrEmail: string): Promise<string> {
  const [row] = await db
    .select({ id: participants.id })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(
      and(
        eq(participants.programId, programId),
        uuidPattern.test(idOrEmail)
          ? eq(participants.id, idOrEmail)
          : eq(users.email, idOrEmail.trim().toLowerCase()),
      ),
    );
  if (!row) throw new PeerpostError('ENOTFOUND', `No participant "${idOrEmail}" in this program`);
  return row.id;
}

/** The proposed match a participant is in, or null. */
async function proposedMatchOf(tx: Tx, programId: string, participantId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: matches.id })
    .from(matches)
    .innerJoin(matchMembers, eq(matchMembers.matchId, matches.id))
    .where(
      and(
        eq(matches.programId, programId),
        eq(matches.status, 'proposed'),
        eq(matchMembers.participantId, participantId),
        isNull(matchMembers.leftAt),
      ),
    );
  return row?.id ?? null;
}

async function membersOf(tx: Tx, matchId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: matchMembers.participantId })
    .from(matchMembers)
    .where(and(eq(matchMembers.matchId, matchId), isNull(matchMembers.leftAt)));
  return rows.map((row) => row.id);
}

async function setConstraint(tx: Tx, programId: string, kind: 'pin' | 'block', a: string, b: string) {
  const [first, second] = a < b ? [a, b] : [b, a];
  if (first === second) throw new PeerpostError('EBADINPUT', 'A person cannot be paired with themself');
  // One decision per pair: a pin replaces a block and the other way round.
  await tx
    .delete(matchConstraints)
    .where(
      and(
        eq(matchConstraints.programId, programId),
        or(
          and(eq(matchConstraints.participantA, first), eq(matchConstraints.participantB, second)),
          and(eq(matchConstraints.participantA, second), eq(matchConstraints.participantB, first)),
        ),
      ),
    );
  await tx.insert(matchConstraints).values({ programId, kind, participantA: first, participantB: second });
}

function review<T>(db: Db, programId: string, work: (tx: Tx, program: Program) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => work(tx, await lockProgramForMatching(tx, programId)));
}

/** Keeps a and b together: their proposed matches are dissolved, they get a pinned match, the rest rematch. */
export function pinPair(db: Db, programId: string, a: string, b: string): Promise<ProposalRound> {
  return review(db, programId, async (tx, program) => {
    await setConstraint(tx, programId, 'pin', a, b);
    const dissolve = [await proposedMatchOf(tx, programId, a), await proposedMatchOf(tx, programId, b)];
    await dissolveProposed(tx, [...new Set(dissolve.filter((id): id is string => id !== null))]);
    return matchUnmatched(tx, program);
  });
}

/** Never matches a and b; if they are proposed together, that match is dissolved and its people rematched. */
export function blockPair(db: Db, programId: string, a: string, b: string): Promise<ProposalRound> {
  return review(db, programId, async (tx, program) => {
    await setConstraint(tx, programId, 'block', a, b);
    const matchId = await proposedMatchOf(tx, programId, a);
    if (matchId && matchId === (await proposedMatchOf(tx, programId, b))) {
      await dissolveProposed(tx, [matchId]);
      return matchUnmatched(tx, program);
    }
    return { matchIds: [], unmatchedIds: [], graph: { vertices: 0, edges: 0, sparse: false } };
  });
}

/** Dissolves a proposed match; its people stay unmatched until the next proposal or rematch. */
export function unmatch(db: Db, programId: string, matchId: string): Promise<string[]> {
  return review(db, programId, async (tx) => {
    const [match] = await tx
      .select()
      .from(matches)
      .where(and(eq(matches.id, matchId), eq(matches.programId, programId)));
    if (!match) throw new PeerpostError('ENOTFOUND', 'No such match in this program');
    if (match.status !== 'proposed')
      throw new PeerpostError('ECONFLICT', 'Only proposed matches can be unmatched');
    const members = await membersOf(tx, matchId);
    await dissolveProposed(tx, [matchId]);
    return members;
  });
}

/**
 * Gives one person a different partner: the proposal (except pins) is solved again with that person kept
 * apart from their current partners, so everyone still gets the best partner available.
 */
export function rematchPerson(db: Db, programId: string, participantId: string): Promise<ProposalRound> {
  return review(db, programId, async (tx, program) => {
    const matchId = await proposedMatchOf(tx, programId, participantId);
    if (!matchId) throw new PeerpostError('ECONFLICT', 'This person is in no proposed match');
    const formerPartners = (await membersOf(tx, matchId)).filter((id) => id !== participantId);
    await dissolveProposed(tx, [matchId]);
    return reproposeAll(
      tx,
      program,
      formerPartners.map((partner) => [participantId, partner]),
    );
  });
}

/** Exchanges a and b between their two proposed matches, refusing pairs that must never be matched. */
export function swapMembers(db: Db, programId: string, a: string, b: string): Promise<[string, string]> {
  return review(db, programId, async (tx, program) => {
    const matchA = await proposedMatchOf(tx, programId, a);
    const matchB = await proposedMatchOf(tx, programId, b);
    if (!matchA || !matchB) throw new PeerpostError('ECONFLICT', 'Both people must be in proposed matches');
    if (matchA === matchB) throw new PeerpostError('ECONFLICT', 'These two are already in the same match');
    const groupA = (await membersOf(tx, matchA)).map((id) => (id === a ? b : id));
    const groupB = (await membersOf(tx, matchB)).map((id) => (id === b ? a : id));
    await assertAllowed(tx, program, [groupA, groupB]);
    const userOf = await usersOf(tx, [a, b]);
    await tx
      .delete(matchMembers)
      .where(
        or(
          and(eq(matchMembers.matchId, matchA), eq(matchMembers.participantId, a)),
          and(eq(matchMembers.matchId, matchB), eq(matchMembers.participantId, b)),
        ),
      );
    await tx.insert(matchMembers).values([
      { matchId: matchA, participantId: b, userId: userOf.get(b)! },
      { matchId: matchB, participantId: a, userId: userOf.get(a)! },
    ]);
    await rescore(tx, program, matchA, groupA);
    await rescore(tx, program, matchB, groupB);
    return [matchA, matchB];
  });
}

async function usersOf(tx: Tx, participantIds: string[]) {
  const rows = await tx
    .select({ id: participants.id, userId: participants.userId })
    .from(participants)
    .where(inArray(participants.id, participantIds));
  return new Map(rows.map((row) => [row.id, row.userId]));
}

/** Blocks, previous partners and exclusions are never matched, not even by hand. */
async function assertAllowed(tx: Tx, program: Program, groups: string[][]) {
  const pool = await loadMatchingPool(tx, program.id);
  const blocked = new Set(pool.blocked.map(([x, y]) => (x < y ? `${x}|${y}` : `${y}|${x}`)));
  const profiles = await profilesOf(tx, groups.flat());
  for (const group of groups) {
    for (const x of group) {
      for (const y of group) {
        if (x >= y) continue;
        const [px, py] = [profiles.get(x)!, profiles.get(y)!];
        if (
          blocked.has(`${x}|${y}`) ||
          px.exclusions.includes(py.email) ||
          py.exclusions.includes(px.email)
        ) {
          throw new PeerpostError('ECONFLICT', `${px.name} and ${py.name} must never be matched`);
        }
      }
    }
  }
}

async function profilesOf(tx: Tx, participantIds: string[]) {
  const rows = await tx
    .select({ participant: participants, user: users })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(inArray(participants.id, participantIds));
  return new Map(rows.map(({ participant, user }) => [participant.id, toMatchingProfile(participant, user)]));
}

/** Recomputes a changed match's score and explanation. */
async function rescore(tx: Tx, program: Program, matchId: string, memberIds: string[]) {
  const profiles = await profilesOf(tx, memberIds);
  const people = memberIds.map((id) => prepareProfile(profiles.get(id)!));
  const weights = resolveWeights(program.matchingWeights);
  const reference = referenceDate(program);
  let sum = 0;
  let links = 0;
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) {
      sum += compatibility(people[i]!, people[j]!, weights, reference) ?? 0;
      links++;
    }
  }
  const explanation = ['changed by the coordinator', ...explainGroup(people, weights, reference)];
  await tx
    .update(matches)
    .set({ compatibility: links ? Math.round((sum / links) * 1000) / 1000 : 0, explanation })
    .where(eq(matches.id, matchId));
}
