// A person's own data: the export they may download and the erasure they may ask for. Erasure first
// leaves every open match the no-fault way (partners are told kindly), then deletes the person; their
// rows cascade, and their address is removed from the message metadata of the threads they were in.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  apiTokens,
  checkIns,
  goals,
  loginTokens,
  matches,
  matchMembers,
  nudges,
  participants,
  programs,
  surveyResponses,
  users,
} from '../../../db/schema';
import { leaveMatch } from '../../../programs/lifecycle/leave-match';

export async function exportPerson(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const [profiles, memberOf, answers, ownGoals, ownNudges, surveys, tokens] = await Promise.all([
    db
      .select({ profile: participants, program: programs.name })
      .from(participants)
      .innerJoin(programs, eq(programs.id, participants.programId))
      .where(eq(participants.userId, userId)),
    db
      .select({
        matchId: matches.id,
        status: matches.status,
        startedAt: matches.startedAt,
        leftAt: matchMembers.leftAt,
      })
      .from(matchMembers)
      .innerJoin(matches, eq(matches.id, matchMembers.matchId))
      .where(eq(matchMembers.userId, userId)),
    db.select().from(checkIns).where(eq(checkIns.userId, userId)),
    db.select().from(goals).where(eq(goals.userId, userId)),
    db.select().from(nudges).where(eq(nudges.userId, userId)),
    db.select().from(surveyResponses).where(eq(surveyResponses.userId, userId)),
    db
      .select({
        name: apiTokens.name,
        prefix: apiTokens.prefix,
        createdAt: apiTokens.createdAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    person: user ?? null,
    programs: profiles.map(({ profile, program }) => ({ program, ...profile })),
    matches: memberOf,
    checkIns: answers,
    goals: ownGoals,
    nudges: ownNudges,
    surveys,
    tokens,
  };
}

export async function erasePerson(db: Db, userId: string, publicUrl: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return;
    const open = await tx
      .select({ matchId: matchMembers.matchId })
      .from(matchMembers)
      .innerJoin(matches, eq(matches.id, matchMembers.matchId))
      .where(and(eq(matchMembers.userId, userId), isNull(matchMembers.leftAt), isNull(matches.closedAt)));
    for (const { matchId } of open) await leaveMatch(tx, matchId, user.email, now, { publicUrl });
    await tx.execute(
      sql`update messages set from_address = 'erased@invalid',
            to_addresses = array_replace(to_addresses, ${user.email}, 'erased@invalid'),
            cc_addresses = array_replace(cc_addresses, ${user.email}, 'erased@invalid')
          where lower(from_address) = ${user.email} or ${user.email} = any(to_addresses) or ${user.email} = any(cc_addresses)`,
    );
    await tx.delete(loginTokens).where(eq(loginTokens.email, user.email));
    await tx.delete(users).where(eq(users.id, userId));
  });
}
