// Reads the current members of matches (people who have not left) with their profiles.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { matchMembers, participants, users } from '../../db/schema';

export interface MatchMember {
  matchId: string;
  participantId: string;
  userId: string;
  email: string;
  name: string;
  profile: typeof participants.$inferSelect;
}

export async function currentMembers(db: Db | Tx, matchIds: string[]): Promise<Map<string, MatchMember[]>> {
  const byMatch = new Map<string, MatchMember[]>();
  if (matchIds.length === 0) return byMatch;
  const rows = await db
    .select({ member: matchMembers, user: users, profile: participants })
    .from(matchMembers)
    .innerJoin(users, eq(users.id, matchMembers.userId))
    .innerJoin(participants, eq(participants.id, matchMembers.participantId))
    .where(and(inArray(matchMembers.matchId, matchIds), isNull(matchMembers.leftAt)))
    .orderBy(users.name);
  for (const { member, user, profile } of rows) {
    const list = byMatch.get(member.matchId) ?? [];
    list.push({
      matchId: member.matchId,
      participantId: member.participantId,
      userId: user.id,
      email: user.email,
      name: user.name,
      profile,
    });
    byMatch.set(member.matchId, list);
  }
  return byMatch;
}

/** One line a partner may read about a member, honouring the member's sharing choices. */
export function memberSummary(profile: typeof participants.$inferSelect): string {
  const shares = (field: string) => profile.sharing[field] !== false;
  const parts = [
    shares('careerStage') && profile.careerStage ? `${profile.careerStage}` : '',
    shares('skillsOffered') && profile.skillsOffered.length
      ? `can share ${profile.skillsOffered.join(', ')}`
      : '',
    shares('skillsSought') && profile.skillsSought.length
      ? `wants to learn ${profile.skillsSought.join(', ')}`
      : '',
    shares('team') && profile.team ? `team ${profile.team}` : '',
  ];
  return parts.filter(Boolean).join('; ') || 'a peer in the program';
}
