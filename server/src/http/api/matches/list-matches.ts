// The matches a caller may see, with health and members, filtered by program, status and health.
import type { MatchListQuery, MatchRow } from '@peerpost/shared';
import { healthStatuses } from '@peerpost/shared';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { roleForMatch, type Scope, visibleMatches } from '../../../access/scope';
import type { Db } from '../../../db/client';
import { matches, matchMembers, users } from '../../../db/schema';

export async function listMatches(db: Db, scope: Scope, query: MatchListQuery): Promise<MatchRow[]> {
  const health =
    query.health === 'unknown'
      ? isNull(matches.healthStatus)
      : query.health && eq(matches.healthStatus, query.health);
  const rows = await db
    .select()
    .from(matches)
    .where(
      and(
        visibleMatches(scope),
        query.programId ? eq(matches.programId, query.programId) : undefined,
        query.status ? eq(matches.status, query.status) : undefined,
        health,
      ),
    )
    .orderBy(sql`${matches.healthScore} asc nulls first`, desc(matches.createdAt))
    .limit(query.limit)
    .offset(query.offset);
  const members = rows.length
    ? await db
        .select({ matchId: matchMembers.matchId, name: users.name, email: users.email })
        .from(matchMembers)
        .innerJoin(users, eq(users.id, matchMembers.userId))
        .where(
          and(
            inArray(
              matchMembers.matchId,
              rows.map((row) => row.id),
            ),
            isNull(matchMembers.leftAt),
          ),
        )
    : [];
  return rows.map((match) => {
    const role = roleForMatch(scope, match) ?? 'participant';
    const status = healthStatuses.find((known) => known === match.healthStatus);
    return {
      id: match.id,
      programId: match.programId,
      status: match.status,
      role,
      // Participants see their partners' names; addresses are for coordinators.
      members: members
        .filter((member) => member.matchId === match.id)
        .map((member) =>
          role === 'coordinator' ? { name: member.name, email: member.email } : { name: member.name },
        ),
      health: status && match.healthScore !== null ? { score: match.healthScore, status } : null,
      startedAt: match.startedAt?.toISOString() ?? null,
      pinned: match.pinned,
    };
  });
}
