// The tick's check-in step: every programs.checkInEveryDays since a match started, each current member
// gets a pulse mail (1–5 one-click links, one-click progress per shared goal, a no-fault exit link). A check_ins row per member and
// due date makes the step idempotent.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkIns } from '../../db/schema';
import { enqueueMail } from '../../mail/outbox';
import { forEachActiveMatch } from '../lifecycle/active-matches';
import type { Program } from '../lifecycle/program-service';
import { checkInMail } from '../mails/program-mails';
import { goalProgressLinks } from '../partnership/goals';
import { type LinkOptions, signedLink } from './links';

const DAY = 86_400_000;

/** The latest check-in date that is due at `now`, or undefined before the first one. */
export function dueCheckInDate(startedAt: Date, everyDays: number, now: Date): Date | undefined {
  if (everyDays <= 0) return undefined;
  const periods = Math.floor((now.getTime() - startedAt.getTime()) / (everyDays * DAY));
  return periods >= 1 ? new Date(startedAt.getTime() + periods * everyDays * DAY) : undefined;
}

export async function scheduleCheckIns(
  db: Db,
  program: Program,
  now: Date,
  links: LinkOptions,
): Promise<number> {
  return forEachActiveMatch(db, program, async ({ tx, match, members }) => {
    if (!match.startedAt) return false;
    const dueAt = dueCheckInDate(match.startedAt, program.checkInEveryDays, now);
    if (!dueAt) return false;
    let queued = false;
    for (const member of members) {
      const [existing] = await tx
        .select({ id: checkIns.id })
        .from(checkIns)
        .where(
          and(eq(checkIns.matchId, match.id), eq(checkIns.userId, member.userId), eq(checkIns.dueAt, dueAt)),
        );
      if (existing) continue;
      const [checkIn] = await tx
        .insert(checkIns)
        .values({ matchId: match.id, userId: member.userId, dueAt })
        .returning({ id: checkIns.id });
      // One token serves the five score links: whichever is clicked first uses it.
      const scoreLink = await signedLink(tx, links, 'check-in', `check-in:${checkIn!.id}`, member.email, now);
      const exitLink = await signedLink(tx, links, 'exit', `exit:${match.id}`, member.email, now);
      const goalLinks = await goalProgressLinks(tx, links, {
        matchId: match.id,
        userId: member.userId,
        email: member.email,
        checkInId: checkIn!.id,
        now,
      });
      const mail = checkInMail(
        program,
        member.name,
        [1, 2, 3, 4, 5].map((score) => `${scoreLink}?score=${score}`),
        exitLink,
        goalLinks,
      );
      await enqueueMail(tx, {
        idempotencyKey: `check-in:${checkIn!.id}`,
        purpose: 'check-in',
        programId: program.id,
        from: program.address,
        to: [member.email],
        subject: mail.subject,
        text: mail.text,
      });
      queued = true;
    }
    return queued;
  });
}
