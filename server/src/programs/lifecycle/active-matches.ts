// Runs due work for each active match of a program, one short transaction per match that first locks
// the match row: two ticks (two server processes) never do the same match's work at the same time,
// and each re-reads the state it decides on under that lock.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { matches, threads } from '../../db/schema';
import { currentMembers, type MatchMember } from './match-members';
import type { Program } from './program-service';

export type Match = typeof matches.$inferSelect;
export type Thread = typeof threads.$inferSelect;

export interface MatchWork {
  tx: Tx;
  match: Match;
  members: MatchMember[];
  thread: Thread | undefined;
}

export async function forEachActiveMatch(
  db: Db,
  program: Program,
  work: (item: MatchWork) => Promise<boolean>,
): Promise<number> {
  const ids = await db
    .select({ id: matches.id })
    .from(matches)
    .where(and(eq(matches.programId, program.id), eq(matches.status, 'active'), isNull(matches.closedAt)));
  let done = 0;
  for (const { id } of ids) {
    const did = await db.transaction(async (tx) => {
      const [match] = await tx.select().from(matches).where(eq(matches.id, id)).for('update');
      if (match?.status !== 'active') return false;
      const members = (await currentMembers(tx, [id])).get(id) ?? [];
      const [thread] = await tx.select().from(threads).where(eq(threads.matchId, id)).limit(1);
      return work({ tx, match, members, thread });
    });
    if (did) done++;
  }
  return done;
}
