// The partnership agreement: offered to each new pair in its first week (one mail per member with a
// signed single-use link), accepted by link or in the sidebar. Once every current member accepted, the
// agreed cadence becomes matches.agreedCadenceDays, which the health model reads instead of the program's.
import { and, eq, gte, isNull, notExists, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { agreements, matches } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { recomputeMatchHealth } from '../../health/recompute';
import { enqueueMail } from '../../mail/outbox';
import { consumeLinkToken, purposeTarget } from '../../security/link-tokens';
import { type LinkOptions, signedLink } from '../check-ins/links';
import { currentMembers } from '../lifecycle/match-members';
import type { Program } from '../lifecycle/program-service';
import { agreementMail } from '../mails/partnership-mails';
import { AGREEMENT_WINDOW_DAYS, agreementTerms, validCadence } from './agreement-terms';

const DAY = 86_400_000;
/** Agreement links live longer than the two weeks after which a pending agreement becomes a reason. */
const LINK_DAYS = 30;

export interface AgreementView {
  cadenceDays: number;
  terms: string[];
  members: { name: string; accepted: boolean; isCaller: boolean }[];
  acceptedByAll: boolean;
  acceptedByCaller: boolean;
}

/** The agreement as the sidebar shows it to one caller; undefined when the pair has none. */
export async function agreementView(
  db: Db | Tx,
  matchId: string,
  callerId: string,
): Promise<AgreementView | undefined> {
  const [agreement] = await db.select().from(agreements).where(eq(agreements.matchId, matchId));
  if (!agreement) return undefined;
  const members = (await currentMembers(db, [matchId])).get(matchId) ?? [];
  const accepted = (userId: string) => Boolean(agreement.acceptedBy[userId]);
  return {
    cadenceDays: agreement.cadenceDays,
    terms: agreementTerms(agreement.cadenceDays),
    members: members.map((m) => ({
      name: m.name,
      accepted: accepted(m.userId),
      isCaller: m.userId === callerId,
    })),
    acceptedByAll: members.length > 0 && members.every((m) => accepted(m.userId)),
    acceptedByCaller: accepted(callerId),
  };
}

/** Tick step: each active pair in its first week without an agreement gets one, and each member a mail. */
export async function offerAgreements(
  db: Db,
  program: Program,
  now: Date,
  links: LinkOptions,
): Promise<number> {
  const due = await db
    .select({ id: matches.id })
    .from(matches)
    .where(
      and(
        eq(matches.programId, program.id),
        eq(matches.status, 'active'),
        gte(matches.startedAt, new Date(now.getTime() - AGREEMENT_WINDOW_DAYS * DAY)),
        notExists(db.select().from(agreements).where(eq(agreements.matchId, matches.id))),
      ),
    );
  let offered = 0;
  for (const { id } of due) {
    const created = await db.transaction(async (tx) => {
      // The insert decides: of several processes, only the one that creates the row sends the mails.
      const [row] = await tx
        .insert(agreements)
        .values({ matchId: id, cadenceDays: program.cadenceDays })
        .onConflictDoNothing({ target: agreements.matchId })
        .returning();
      if (!row) return false;
      const terms = agreementTerms(row.cadenceDays);
      for (const member of (await currentMembers(tx, [id])).get(id) ?? []) {
        const link = await signedLink(
          tx,
          links,
          'agreement',
          `agreement:${id}`,
          member.email,
          now,
          LINK_DAYS,
        );
        const mail = agreementMail(program, member.name, terms, link);
        await enqueueMail(tx, {
          idempotencyKey: `agreement:${id}:${member.userId}`,
          purpose: 'agreement',
          programId: program.id,
          from: program.address,
          to: [member.email],
          subject: mail.subject,
          text: mail.text,
        });
      }
      return true;
    });
    if (created) offered++;
  }
  return offered;
}

/** Sets or clears the pair's agreed cadence: set only while every current member accepted. */
async function syncAgreedCadence(tx: Tx, matchId: string): Promise<void> {
  const [agreement] = await tx.select().from(agreements).where(eq(agreements.matchId, matchId));
  const members = (await currentMembers(tx, [matchId])).get(matchId) ?? [];
  const all = !!agreement && members.length > 0 && members.every((m) => agreement.acceptedBy[m.userId]);
  await tx
    .update(matches)
    .set({ agreedCadenceDays: all ? agreement.cadenceDays : null })
    .where(eq(matches.id, matchId));
}

async function requireMember(tx: Db | Tx, matchId: string, who: { userId?: string; email?: string }) {
  const members = (await currentMembers(tx, [matchId])).get(matchId) ?? [];
  const member = members.find((m) => (who.userId ? m.userId === who.userId : m.email === who.email));
  if (!member) throw new PeerpostError('EFORBIDDEN', 'Only members of this partnership can do that');
  return member;
}

async function acceptIn(tx: Tx, matchId: string, userId: string, now: Date) {
  // The first acceptance time is kept: accepting twice changes nothing.
  const updated = await tx
    .update(agreements)
    .set({
      acceptedBy: sql`jsonb_build_object(${userId}::text, ${now.toISOString()}::text) || ${agreements.acceptedBy}`,
    })
    .where(eq(agreements.matchId, matchId))
    .returning({ matchId: agreements.matchId });
  if (updated.length === 0) throw new PeerpostError('ENOTFOUND', 'This partnership has no agreement yet');
  await syncAgreedCadence(tx, matchId);
}

/** Acceptance in the sidebar; health follows at once (the cadence may have changed). */
export async function acceptAgreement(db: Db, matchId: string, userId: string, now = new Date()) {
  await db.transaction(async (tx) => {
    await lockActiveMatch(tx, matchId);
    await requireMember(tx, matchId, { userId });
    await acceptIn(tx, matchId, userId, now);
  });
  await recomputeMatchHealth(db, matchId, now);
  return (await agreementView(db, matchId, userId))!;
}

/** Acceptance by the emailed link: the token works once, for the member it was sent to. */
export async function acceptAgreementByLink(db: Db, token: string, now: Date): Promise<boolean> {
  const matchId = await db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'agreement', now);
    if (!link) return undefined;
    const id = purposeTarget(link.purpose);
    await lockActiveMatch(tx, id);
    const member = await requireMember(tx, id, { email: link.email });
    await acceptIn(tx, id, member.userId, now);
    return id;
  });
  if (!matchId) return false;
  await recomputeMatchHealth(db, matchId, now);
  return true;
}

/**
 * A member proposes another cadence. Changed terms need everyone again: the proposer accepts them, the
 * others see the change in the sidebar; until all accepted, health uses the program's cadence.
 */
export async function proposeCadence(
  db: Db,
  matchId: string,
  userId: string,
  cadenceDays: number,
  now = new Date(),
) {
  if (!validCadence(cadenceDays)) {
    throw new PeerpostError('EBADINPUT', 'The cadence must be a whole number of days from 1 to 90');
  }
  await db.transaction(async (tx) => {
    await lockActiveMatch(tx, matchId);
    await requireMember(tx, matchId, { userId });
    const [current] = await tx.select().from(agreements).where(eq(agreements.matchId, matchId));
    if (!current) throw new PeerpostError('ENOTFOUND', 'This partnership has no agreement yet');
    if (current.cadenceDays === cadenceDays) return acceptIn(tx, matchId, userId, now);
    await tx
      .update(agreements)
      .set({ cadenceDays, acceptedBy: { [userId]: now.toISOString() } })
      .where(eq(agreements.matchId, matchId));
    await syncAgreedCadence(tx, matchId);
  });
  await recomputeMatchHealth(db, matchId, now);
  return (await agreementView(db, matchId, userId))!;
}

/** Serialises changes to one match (and refuses closed ones). */
async function lockActiveMatch(tx: Tx, matchId: string) {
  const [match] = await tx
    .select({ status: matches.status })
    .from(matches)
    .where(and(eq(matches.id, matchId), isNull(matches.closedAt)))
    .for('update');
  if (match?.status !== 'active') throw new PeerpostError('ECONFLICT', 'This partnership is not active');
}
