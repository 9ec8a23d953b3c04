// The partnership part of the sidebar's context: the agreement, everyone's shared goals and a pending
// dormancy notice, as one caller may see them.
import type { ContextResponse } from '@peerpost/shared';
import type { Db } from '../../../db/client';
import type { matches, programs } from '../../../db/schema';
import { agreementView } from '../../../programs/partnership/agreement';
import { closesAt } from '../../../programs/partnership/conclusion';
import { goalsOfMatch } from '../../../programs/partnership/goals';

type PartnershipContext = Pick<ContextResponse, 'agreement' | 'goals' | 'conclusionNotice'>;

/** Reads what the match needs; the program (read alongside by the caller) completes the notice. */
export async function partnershipContext(
  db: Db,
  callerId: string,
  match: typeof matches.$inferSelect,
): Promise<(program: Pick<typeof programs.$inferSelect, 'healthSettings'>) => PartnershipContext> {
  const [memberGoals, agreement] = await Promise.all([
    goalsOfMatch(db, match.id),
    agreementView(db, match.id, callerId),
  ]);
  const goals = memberGoals
    .map(({ userId, name, goals }) => ({ name, isCaller: userId === callerId, goals }))
    .sort((a, b) => Number(b.isCaller) - Number(a.isCaller));
  return (program) => {
    const closes = match.status === 'active' ? closesAt(match, program) : null;
    return {
      agreement: agreement ?? null,
      goals,
      conclusionNotice:
        closes && match.conclusionNoticeAt
          ? { noticeAt: match.conclusionNoticeAt.toISOString(), closesAt: closes.toISOString() }
          : null,
    };
  };
}
