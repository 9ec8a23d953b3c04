// What a matching round works from, read from the database: the program's active participants who are
// in no current match, their profiles, and the pairs the round must respect (coordinator pins and
// blocks, and people who were partners before, in any program).
import type { MatchingProfile } from '@peerpost/shared/matching/compatibility';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { matchConstraints, matches, matchMembers, participants, users } from '../../db/schema';

export type PairIds = [string, string];

export interface MatchingPool {
  /** Active participants in no proposed, approved or active match. */
  profiles: MatchingProfile[];
  pinned: PairIds[];
  blocked: PairIds[];
}

/** Participant ids of the program that are members of a current (proposed, approved, active) match. */
export async function matchedParticipantIds(tx: Tx, programId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ id: matchMembers.participantId })
    .from(matchMembers)
    .innerJoin(matches, eq(matches.id, matchMembers.matchId))
    .where(
      and(
        eq(matches.programId, programId),
        inArray(matches.status, ['proposed', 'approved', 'active']),
        isNull(matchMembers.leftAt),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

export function toMatchingProfile(
  participant: typeof participants.$inferSelect,
  user: { email: string; name: string; timeZone: string },
): MatchingProfile {
  return {
    id: participant.id,
    name: user.name,
    email: user.email,
    careerStage: participant.careerStage,
    skillsOffered: participant.skillsOffered,
    skillsSought: participant.skillsSought,
    goals: participant.goals,
    team: participant.team,
    languages: participant.languages,
    timeZone: user.timeZone,
    workingHours: participant.availability ?? null,
    exclusions: participant.exclusions,
  };
}

/** Pairs of this program's participants whose users were in one match before (any program, any end). */
async function previousPartners(tx: Tx, userToParticipant: Map<string, string>) {
  const userIds = [...userToParticipant.keys()];
  if (userIds.length === 0) return [];
  const theirMatches = await tx
    .selectDistinct({ matchId: matchMembers.matchId })
    .from(matchMembers)
    .innerJoin(matches, eq(matches.id, matchMembers.matchId))
    .where(
      and(inArray(matchMembers.userId, userIds), inArray(matches.status, ['approved', 'active', 'closed'])),
    );
  if (theirMatches.length === 0) return [];
  const members = await tx
    .select({ matchId: matchMembers.matchId, userId: matchMembers.userId })
    .from(matchMembers)
    .where(
      inArray(
        matchMembers.matchId,
        theirMatches.map((row) => row.matchId),
      ),
    );
  const byMatch = new Map<string, string[]>();
  for (const { matchId, userId } of members) {
    const participant = userToParticipant.get(userId);
    if (participant) byMatch.set(matchId, [...(byMatch.get(matchId) ?? []), participant]);
  }
  const pairs: PairIds[] = [];
  for (const group of byMatch.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) pairs.push([group[i]!, group[j]!]);
    }
  }
  return pairs;
}

export async function loadMatchingPool(tx: Tx, programId: string): Promise<MatchingPool> {
  const rows = await tx
    .select({ participant: participants, user: users })
    .from(participants)
    .innerJoin(users, eq(users.id, participants.userId))
    .where(and(eq(participants.programId, programId), eq(participants.status, 'active')));
  const matched = await matchedParticipantIds(tx, programId);
  const profiles = rows
    .filter(({ participant }) => !matched.has(participant.id))
    .map(({ participant, user }) => toMatchingProfile(participant, user));
  const constraints = await tx
    .select()
    .from(matchConstraints)
    .where(eq(matchConstraints.programId, programId));
  const pairOf = (c: typeof matchConstraints.$inferSelect): PairIds => [c.participantA, c.participantB];
  const userToParticipant = new Map(rows.map(({ participant }) => [participant.userId, participant.id]));
  return {
    profiles,
    pinned: constraints.filter((c) => c.kind === 'pin').map(pairOf),
    blocked: [
      ...constraints.filter((c) => c.kind === 'block').map(pairOf),
      ...(await previousPartners(tx, userToParticipant)),
    ],
  };
}
