// Approving the proposal: every proposed match becomes approved and gets its intro mail in the same
// transaction; a program still in "matching" moves on to "running".
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { matches } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { queueIntroMails } from '../lifecycle/intro-mails';
import { transitionProgram } from '../lifecycle/program-service';
import { lockProgramForMatching } from './proposal';

export async function approveProposal(db: Db, programId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const program = await lockProgramForMatching(tx, programId);
    const approved = await tx
      .update(matches)
      .set({ status: 'approved', approvedAt: new Date() })
      .where(and(eq(matches.programId, programId), eq(matches.status, 'proposed')))
      .returning({ id: matches.id });
    if (approved.length === 0) throw new PeerpostError('ECONFLICT', 'There is no proposal to approve');
    const ids = approved.map((row) => row.id);
    await queueIntroMails(tx, ids);
    if (program.status === 'matching') await transitionProgram(tx, programId, 'running');
    return ids;
  });
}
