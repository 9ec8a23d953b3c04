// Finds the match a thread in the caller's webmail belongs to: by plus-address token first, then by the
// people on the thread. Only matches the caller may see are considered, so an unknown thread and a
// thread of someone else look the same (404).

import type { ContextQuery } from '@peerpost/shared';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { type MatchRole, roleForMatch, type Scope } from '../../../access/scope';
import type { Db } from '../../../db/client';
import { matches, matchMembers, users } from '../../../db/schema';

export interface ThreadMatch {
  match: typeof matches.$inferSelect;
  role: MatchRole;
}

export async function findThreadMatch(
  db: Db,
  scope: Scope,
  query: ContextQuery,
): Promise<ThreadMatch | undefined> {
  const visible = (candidates: Array<typeof matches.$inferSelect>) => {
    for (const match of candidates) {
      const role = roleForMatch(scope, match);
      if (role) return { match, role };
    }
    return undefined;
  };
  const tokens = query.plusTokens.map((token) => token.toLowerCase());
  if (tokens.length > 0) {
    const found = visible(await db.select().from(matches).where(inArray(matches.token, tokens)));
    if (found) return found;
  }
  const addresses = [...new Set(query.participants.map((address) => address.toLowerCase()))];
  if (addresses.length < 2) return undefined;
  // Matches (not closed first) in which at least two members are on the thread.
  const candidates = await db
    .select({ match: matches })
    .from(matches)
    .innerJoin(matchMembers, eq(matchMembers.matchId, matches.id))
    .innerJoin(users, eq(users.id, matchMembers.userId))
    .where(and(inArray(users.email, addresses), ne(matches.status, 'proposed')))
    .groupBy(matches.id)
    .having(sql`count(*) >= 2`)
    .orderBy(sql`${matches.status} = 'closed'`, sql`${matches.startedAt} desc nulls last`);
  return visible(candidates.map((row) => row.match));
}
