// The end of a program: a running program past its last day moves to closing; in closing every active
// match is closed and each member gets a thank-you mail with a link to the reflection survey; after the
// survey window the program is closed.
import { and, eq, isNull, max } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { matches } from '../../db/schema';
import { enqueueMail } from '../../mail/outbox';
import { type LinkOptions, signedLink } from '../check-ins/links';
import { closureMail } from '../mails/program-mails';
import { forEachActiveMatch } from './active-matches';
import type { Program } from './program-service';
import { transitionProgram } from './program-service';

const DAY = 86_400_000;
export const SURVEY_WINDOW_DAYS = 14;

/** The first instant after a program's last day. */
export function programEnd(program: Program): Date | undefined {
  return program.endsOn ? new Date(new Date(`${program.endsOn}T00:00:00Z`).getTime() + DAY) : undefined;
}

export async function startClosingWhenEnded(db: Db, program: Program, now: Date): Promise<Program> {
  const end = programEnd(program);
  if (program.status !== 'running' || !end || now < end) return program;
  return transitionProgram(db, program.id, 'closing');
}

export async function closeMatches(db: Db, program: Program, now: Date, links: LinkOptions): Promise<number> {
  return forEachActiveMatch(db, program, async ({ tx, match, members }) => {
    for (const member of members) {
      const surveyLink = await signedLink(tx, links, 'survey', `survey:${match.id}`, member.email, now, 30);
      const mail = closureMail(program, member.name, surveyLink);
      await enqueueMail(tx, {
        idempotencyKey: `closure:${match.id}:${member.userId}`,
        purpose: 'notice',
        programId: program.id,
        from: program.address,
        to: [member.email],
        subject: mail.subject,
        text: mail.text,
      });
    }
    await tx
      .update(matches)
      .set({ status: 'closed', closedAt: now, closeReason: 'program-ended' })
      .where(and(eq(matches.id, match.id), isNull(matches.closedAt)));
    return true;
  });
}

/** Closing → closed once the survey window after the end (or after the last match closed) has passed. */
export async function finishWhenSurveyWindowOver(db: Db, program: Program, now: Date): Promise<boolean> {
  if (program.status !== 'closing') return false;
  let from = programEnd(program);
  if (!from) {
    const [row] = await db
      .select({ at: max(matches.closedAt) })
      .from(matches)
      .where(eq(matches.programId, program.id));
    from = row?.at ?? undefined;
  }
  if (!from || now.getTime() < from.getTime() + SURVEY_WINDOW_DAYS * DAY) return false;
  await transitionProgram(db, program.id, 'closed');
  return true;
}
