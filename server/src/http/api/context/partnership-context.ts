// The partnership part of the sidebar's context: the agreement, everyone's shared goals and a pending
// dormancy notice, as one caller may see them.
import type { ContextResponse } from '@peerpost/shared';
import type { Db } from '../../../db/client';
import type { matches, programs } from '../../../db/schema';
import { agreementView } from '../../../programs/partnership/agreement';
import { closesAt } from '../../../programs/partnership/conclusion';
import { goalsOfMatch } from '../../../programs/partnership/goals';

export async function partnershipContext(
  db: Db,
  callerId: string,
  match: typeof matches.$inferSelect,
  program: typeof programs.$inferSelect,
): Promise<Pick<ContextResponse, 'agreement' | 'goals' | 'conclusionNotice'>> {
  const goals = (await goalsOfMatch(db, match.id))
    .map(({ userId, name, goals }) => ({ name, isCaller: userId === callerId, goals }))
    .sort((a, b) => Number(b.isCaller) - Number(a.isCaller));
  const closes = match.status === 'active' ? closesAt(match, program) : null;
  return {
    agreement: (await agreementView(db, match.id, callerId)) ?? null,
    goals,
    conclusionNotice:
      closes && match.conclusionNoticeAt
        ? { noticeAt: match.conclusionNoticeAt.toISOString(), closesAt: closes.toISOString() }
        : null,
  };
}
