// Self sign-up through the program link: a pending profile, confirmed by an emailed single-use link.
// The answer never reveals whether an address is already enrolled.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { participants, programs, users } from '../../db/schema';
import { enqueueMail } from '../../mail/outbox';
import { consumeLinkToken, hashLinkToken, purposeTarget } from '../../security/link-tokens';
import { type LinkOptions, signedLink } from '../check-ins/links';
import type { Program } from '../lifecycle/program-service';
import { signUpConfirmMail } from '../mails/program-mails';
import { type CsvColumn, validateRow } from './csv-columns';

export const signUpOpen = (program: Program) =>
  program.status === 'enrolling' || program.status === 'matching';

export type SignUpResult = { ok: true } | { ok: false; reasons: string[] };

export async function signUp(
  db: Db,
  program: Program,
  form: Partial<Record<CsvColumn, string>>,
  now: Date,
  links: LinkOptions,
): Promise<SignUpResult> {
  if (!signUpOpen(program))
    return { ok: false, reasons: ['This program is not taking sign-ups at the moment.'] };
  const checked = validateRow({ ...form, exclusions: '' });
  if (!checked.ok) return checked;
  const profile = checked.profile;
  await db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values({ email: profile.email, name: profile.name, timeZone: profile.timeZone })
      .onConflictDoNothing();
    const [user] = await tx.select().from(users).where(eq(users.email, profile.email));
    const [existing] = await tx
      .select()
      .from(participants)
      .where(and(eq(participants.programId, program.id), eq(participants.userId, user!.id)));
    if (existing && existing.status !== 'pending') return;
    const { email: _email, name: _name, timeZone: _timeZone, ...fields } = profile;
    const [participant] = existing
      ? await tx
          .update(participants)
          .set({ ...fields, updatedAt: now })
          .where(eq(participants.id, existing.id))
          .returning()
      : await tx
          .insert(participants)
          .values({ ...fields, programId: program.id, userId: user!.id, status: 'pending' })
          .returning();
    const link = await signedLink(tx, links, 'confirm', `confirm:${participant!.id}`, profile.email, now, 7);
    const mail = signUpConfirmMail(program, user!.name, link);
    await enqueueMail(tx, {
      // Each request gets its own mail (a lost one can be asked for again), keyed by its token.
      idempotencyKey: `sign-up:${participant!.id}:${hashLinkToken(link).slice(0, 16)}`,
      purpose: 'sign-in',
      programId: program.id,
      from: program.address,
      to: [profile.email],
      subject: mail.subject,
      text: mail.text,
    });
  });
  return { ok: true };
}

/** The emailed link turns the pending profile into an active participant (onboarding follows). */
export async function confirmSignUp(db: Db, token: string, now: Date): Promise<Program | undefined> {
  return db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'confirm', now);
    if (!link) return undefined;
    const [participant] = await tx
      .update(participants)
      .set({ status: 'active', confirmedAt: now, updatedAt: now })
      .where(and(eq(participants.id, purposeTarget(link.purpose)), eq(participants.status, 'pending')))
      .returning();
    if (!participant) return undefined;
    const [program] = await tx.select().from(programs).where(eq(programs.id, participant.programId));
    return program;
  });
}
