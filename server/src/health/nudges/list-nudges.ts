// Recent nudges of one person (for the sidebar), newest first; only the person's own.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { nudges } from '../../db/schema';

export async function nudgesForUser(
  db: Db,
  userId: string,
  options: { matchId?: string; limit?: number } = {},
) {
  return db
    .select({
      id: nudges.id,
      matchId: nudges.matchId,
      audience: nudges.audience,
      kind: nudges.kind,
      reason: nudges.reason,
      createdAt: nudges.createdAt,
    })
    .from(nudges)
    .where(and(eq(nudges.userId, userId), options.matchId ? eq(nudges.matchId, options.matchId) : undefined))
    .orderBy(desc(nudges.createdAt))
    .limit(options.limit ?? 20);
}
