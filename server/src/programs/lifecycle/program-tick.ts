// The scheduler tick: all due program work (onboarding, prompts, check-ins, partnership agreements,
// auto-conclusion of dormant pairs, closure), idempotent so it
// can run every minute, after a crash, or in several processes at once.
import type { Db } from '../../db/client';
import type { LinkOptions } from '../check-ins/links';
import { scheduleCheckIns } from '../check-ins/schedule-check-ins';
import { sendDuePrompts } from '../curriculum/send-prompts';
import { queueOnboardingMails } from '../enrolment/onboarding-mails';
import { offerAgreements } from '../partnership/agreement';
import { concludeDormantPairs } from '../partnership/conclusion';
import { closeMatches, finishWhenSurveyWindowOver, startClosingWhenEnded } from './closure';
import { programsIn } from './program-service';

export interface TickSummary {
  onboarding: number;
  prompts: number;
  checkIns: number;
  closedMatches: number;
  closedPrograms: number;
  agreements: number;
  conclusionNotices: number;
  concludedMatches: number;
}

export async function runProgramTick(db: Db, now: Date, links: LinkOptions): Promise<TickSummary> {
  const summary: TickSummary = {
    onboarding: 0,
    prompts: 0,
    checkIns: 0,
    closedMatches: 0,
    closedPrograms: 0,
    agreements: 0,
    conclusionNotices: 0,
    concludedMatches: 0,
  };
  for (const listed of await programsIn(db, ['enrolling', 'matching', 'running', 'closing'])) {
    if (listed.status !== 'closing') summary.onboarding += await queueOnboardingMails(db, listed);
    const program = await startClosingWhenEnded(db, listed, now);
    if (program.status === 'running') {
      summary.prompts += await sendDuePrompts(db, program, now);
      summary.checkIns += await scheduleCheckIns(db, program, now, links);
      summary.agreements += await offerAgreements(db, program, now, links);
      const conclusion = await concludeDormantPairs(db, program, now, links);
      summary.conclusionNotices += conclusion.noticed;
      summary.concludedMatches += conclusion.closed;
    }
    if (program.status === 'closing') {
      summary.closedMatches += await closeMatches(db, program, now, links);
      if (await finishWhenSurveyWindowOver(db, program, now)) summary.closedPrograms++;
    }
  }
  return summary;
}
