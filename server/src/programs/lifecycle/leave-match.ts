// No-fault exit: a member leaves through a link. Their partner(s) are told kindly; when the match can
// no longer go on (fewer than two left) it closes and each remaining member is offered a rematch.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { matches, matchMembers, participants, programs } from '../../db/schema';
import { enqueueMail } from '../../mail/outbox';
import { consumeLinkToken, purposeTarget } from '../../security/link-tokens';
import { type LinkOptions, signedLink } from '../check-ins/links';
import { partnerLeftMail } from '../mails/program-mails';
import { currentMembers } from './match-members';

export type LeaveResult =
  | { ok: true; matchClosed: boolean }
  | { ok: false; reason: 'invalid-link' | 'not-a-member' };

export async function leaveMatchByLink(
  db: Db,
  token: string,
  now: Date,
  links: LinkOptions,
): Promise<LeaveResult> {
  return db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'exit', now);
    if (!link) return { ok: false, reason: 'invalid-link' } as const;
    return leaveMatch(tx, purposeTarget(link.purpose), link.email, now, links);
  });
}

/** The same exit for a signed-in member (the API): `email` leaves `matchId`. */
export async function leaveMatch(
  tx: Tx,
  matchId: string,
  email: string,
  now: Date,
  links: LinkOptions,
): Promise<LeaveResult> {
  const [row] = await tx
    .select({ match: matches, program: programs })
    .from(matches)
    .innerJoin(programs, eq(programs.id, matches.programId))
    .where(eq(matches.id, matchId))
    .for('update', { of: matches });
  const before = (await currentMembers(tx, [matchId])).get(matchId) ?? [];
  const leaver = before.find((member) => member.email === email);
  if (!row || !leaver) return { ok: false, reason: 'not-a-member' } as const;
  await tx
    .update(matchMembers)
    .set({ leftAt: now })
    .where(and(eq(matchMembers.matchId, matchId), eq(matchMembers.participantId, leaver.participantId)));
  await tx
    .update(participants)
    .set({ status: 'left', updatedAt: now })
    .where(eq(participants.id, leaver.participantId));
  const remaining = before.filter((member) => member !== leaver);
  const matchClosed = remaining.length < 2;
  if (matchClosed) {
    await tx
      .update(matches)
      .set({ status: 'closed', closedAt: now, closeReason: 'member-left' })
      .where(and(eq(matches.id, matchId), isNull(matches.closedAt)));
  }
  for (const member of remaining) {
    const rematchLink = await signedLink(
      tx,
      links,
      'rematch',
      `rematch:${member.participantId}`,
      member.email,
      now,
      60,
    );
    const mail = partnerLeftMail(row.program, member.name, rematchLink);
    await enqueueMail(tx, {
      idempotencyKey: `partner-left:${matchId}:${leaver.userId}:${member.userId}`,
      purpose: 'notice',
      programId: row.program.id,
      from: row.program.address,
      to: [member.email],
      subject: mail.subject,
      text: mail.text,
    });
  }
  return { ok: true, matchClosed } as const;
}

/** The remaining member accepts the offered rematch: matching takes them in its next round. */
export async function requestRematchByLink(db: Db, token: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'rematch', now);
    if (!link) return false;
    await tx
      .update(participants)
      .set({ rematchRequestedAt: now, updatedAt: now })
      .where(eq(participants.id, purposeTarget(link.purpose)));
    return true;
  });
}
