// GET /api/context served from memory while nothing it shows has changed: which match a thread belongs to
// for a caller, and that match's context for that caller. Both are dropped by the database's change
// notices (a new message, check-in, health, goals, agreement, profile or sharing, membership…) and the
// context also when a check-in falls due or a new week starts.
import type { ContextQuery, ContextResponse } from '@peerpost/shared';
import { eq } from 'drizzle-orm';
import type { MatchRole, Scope } from '../../../access/scope';
import { changeNotices } from '../../../db/change-notices';
import type { Db } from '../../../db/client';
import { matches } from '../../../db/schema';
import { StampedCache } from '../../../db/stamped-cache';
import { buildContext } from './build-context';
import { findThreadMatch } from './find-thread-match';

const MAX_ENTRIES = 10_000;

export function cachedContext(db: Db, dashboardUrl: string) {
  const notices = changeNotices(db);
  // Unknown threads are kept too: the sidebar asks about every thread the person opens.
  const lookups = new StampedCache<{ matchId: string; role: MatchRole } | undefined>(
    notices,
    MAX_ENTRIES,
    true,
  );
  const contexts = new StampedCache<ContextResponse | undefined>(notices, MAX_ENTRIES);

  /** The caller's view of the thread's match, or undefined when there is none they may see. */
  return async (
    scope: Scope,
    query: ContextQuery,
    settled: boolean,
  ): Promise<ContextResponse | undefined> => {
    const key = JSON.stringify([
      scope.userId,
      query.plusTokens.map((token) => token.toLowerCase()),
      [...new Set(query.participants.map((address) => address.toLowerCase()))].sort(),
    ]);
    const found = await lookups.get(key, settled, async () => {
      const thread = await findThreadMatch(db, scope, query);
      return { value: thread && { matchId: thread.match.id, role: thread.role } };
    });
    if (!found) return undefined;
    const { matchId, role } = found;
    return contexts.get(
      `${matchId}:${scope.userId}:${role}`,
      settled,
      async () => {
        // Read again under this entry's own stamp: the lookup's copy may predate it.
        const [match] = await db.select().from(matches).where(eq(matches.id, matchId));
        // Deleted since the lookup (which a change notice will drop too): nothing to show.
        if (!match) return { value: undefined };
        const built = await buildContext(db, scope.userId, { match, role }, dashboardUrl);
        return { value: built.context, validUntil: built.validUntil };
      },
      matchId,
    );
  };
}
