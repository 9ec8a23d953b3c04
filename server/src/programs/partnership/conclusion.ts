// Graceful auto-conclusion: a dormant pair gets a kind notice ("reply or click to keep going; otherwise
// this partnership closes in 7 days"); a real message or a click keeps it open; otherwise it closes and
// both get a thank-you with a rematch link. Never for pairs pinned "keep open".
// Safe with several server processes: each match is handled in a transaction that takes its row with
// FOR UPDATE SKIP LOCKED (a busy row is left to the process holding it) and re-decides on what it reads
// under that lock; every mail has an idempotency key derived from the state, not from the clock.
import { and, eq, isNotNull, isNull, max, not, sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../db/client';
import { matches, messages } from '../../db/schema';
import { PeerpostError } from '../../errors';
import { recomputeMatchHealth } from '../../health/recompute';
import { enqueueMail } from '../../mail/outbox';
import { consumeLinkToken, purposeTarget } from '../../security/link-tokens';
import { type LinkOptions, signedLink } from '../check-ins/links';
import { currentMembers } from '../lifecycle/match-members';
import type { Program } from '../lifecycle/program-service';
import { conclusionNoticeMail, conclusionThanksMail } from '../mails/partnership-mails';
import {
  autoConcludeAfterDays,
  type ConclusionSettings,
  conclusionStep,
  lastActivity,
  noticeDays,
} from './conclusion-step';

export const AUTO_CONCLUDED = 'auto-concluded';
const DAY = 86_400_000;

export interface ConclusionTally {
  noticed: number;
  kept: number;
  closed: number;
}

type Match = typeof matches.$inferSelect;

async function lastRealMessageAt(db: Db | Tx, matchId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(messages.sentAt) })
    .from(messages)
    .where(and(eq(messages.matchId, matchId), not(messages.autoReply), not(messages.bounce)));
  return row?.at ? new Date(row.at) : null;
}

function inputOf(match: Match, program: Program, lastReal: Date | null) {
  return {
    cadenceDays: match.agreedCadenceDays ?? program.cadenceDays,
    settings: program.healthSettings as ConclusionSettings,
    keepOpen: match.keepOpen,
    startedAt: match.startedAt,
    lastRealMessageAt: lastReal,
    keptGoingAt: match.keptGoingAt,
    conclusionNoticeAt: match.conclusionNoticeAt,
  };
}

/** Tick step for one running program: notices, keeps and closes. */
export async function concludeDormantPairs(
  db: Db,
  program: Program,
  now: Date,
  links: LinkOptions,
): Promise<ConclusionTally> {
  const tally: ConclusionTally = { noticed: 0, kept: 0, closed: 0 };
  // Cheap pre-filter: pairs with a pending notice, or quiet long enough at the shortest possible limit.
  const settings = program.healthSettings as ConclusionSettings;
  const shortest = Math.min(
    autoConcludeAfterDays(1, settings),
    autoConcludeAfterDays(program.cadenceDays, settings),
  );
  const quietSince = new Date(now.getTime() - shortest * DAY);
  const candidates = await db
    .select({ id: matches.id })
    .from(matches)
    .where(
      and(
        eq(matches.programId, program.id),
        eq(matches.status, 'active'),
        isNull(matches.closedAt),
        isNotNull(matches.startedAt),
        sql`(${matches.conclusionNoticeAt} is not null or (not ${matches.keepOpen}
          and ${matches.startedAt} <= ${quietSince}
          and coalesce(${matches.keptGoingAt}, ${matches.startedAt}) <= ${quietSince}
          and not exists (select 1 from ${messages} where ${messages.matchId} = ${matches.id}
            and ${messages.sentAt} > ${quietSince} and not ${messages.autoReply} and not ${messages.bounce})))`,
      ),
    );
  for (const { id } of candidates) {
    const step = await db.transaction(async (tx) => {
      const [match] = await tx
        .select()
        .from(matches)
        .where(eq(matches.id, id))
        .for('update', { skipLocked: true });
      if (match?.status !== 'active') return 'none';
      const input = inputOf(match, program, await lastRealMessageAt(tx, id));
      const decided = conclusionStep(input, now);
      if (decided === 'notice') await sendNotice(tx, program, match, lastActivity(input)!, now, links);
      if (decided === 'keep')
        await tx.update(matches).set({ conclusionNoticeAt: null }).where(eq(matches.id, id));
      if (decided === 'close') await closeQuietMatch(tx, program, match, now, links);
      return decided;
    });
    if (step === 'notice') tally.noticed++;
    if (step === 'keep') tally.kept++;
    if (step === 'close') {
      tally.closed++;
      // The pair's health now reads "closed" in the sidebar and the dashboard.
      await recomputeMatchHealth(db, id, now);
    }
  }
  return tally;
}

async function sendNotice(
  tx: Tx,
  program: Program,
  match: Match,
  quietSince: Date,
  now: Date,
  links: LinkOptions,
) {
  await tx.update(matches).set({ conclusionNoticeAt: now }).where(eq(matches.id, match.id));
  const days = noticeDays(program.healthSettings as ConclusionSettings);
  const quietDays = Math.floor((now.getTime() - quietSince.getTime()) / DAY);
  for (const member of (await currentMembers(tx, [match.id])).get(match.id) ?? []) {
    const link = await signedLink(
      tx,
      links,
      'keep-going',
      `keep-going:${match.id}`,
      member.email,
      now,
      days + 7,
    );
    const mail = conclusionNoticeMail(program, member.name, quietDays, days, link);
    await enqueueMail(tx, {
      // One notice per silence: the silence is identified by when it began.
      idempotencyKey: `conclusion-notice:${match.id}:${quietSince.getTime()}:${member.userId}`,
      purpose: 'notice',
      programId: program.id,
      from: program.address,
      to: [member.email],
      subject: mail.subject,
      text: mail.text,
    });
  }
}

async function closeQuietMatch(tx: Tx, program: Program, match: Match, now: Date, links: LinkOptions) {
  await tx
    .update(matches)
    .set({ status: 'closed', closedAt: now, closeReason: AUTO_CONCLUDED })
    .where(eq(matches.id, match.id));
  for (const member of (await currentMembers(tx, [match.id])).get(match.id) ?? []) {
    const link = await signedLink(
      tx,
      links,
      'rematch',
      `rematch:${member.participantId}`,
      member.email,
      now,
      30,
    );
    const mail = conclusionThanksMail(program, member.name, link);
    await enqueueMail(tx, {
      idempotencyKey: `conclusion-thanks:${match.id}:${member.userId}`,
      purpose: 'notice',
      programId: program.id,
      from: program.address,
      to: [member.email],
      subject: mail.subject,
      text: mail.text,
    });
  }
}

/** "Keep going" (sidebar): cancels a pending notice and restarts the dormancy clock. */
export async function keepGoing(db: Db | Tx, matchId: string, userId: string, now: Date): Promise<void> {
  const members = (await currentMembers(db, [matchId])).get(matchId) ?? [];
  if (!members.some((m) => m.userId === userId)) {
    throw new PeerpostError('EFORBIDDEN', 'Only members of this partnership can do that');
  }
  const [kept] = await db
    .update(matches)
    .set({ conclusionNoticeAt: null, keptGoingAt: now })
    .where(and(eq(matches.id, matchId), eq(matches.status, 'active')))
    .returning({ id: matches.id });
  if (!kept) throw new PeerpostError('ECONFLICT', 'This partnership has already closed');
}

/** "Keep going" by the link in the notice: the token works once, for the member it was sent to. */
export async function keepGoingByLink(db: Db, token: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const link = await consumeLinkToken(tx, token, 'keep-going', now);
    if (!link) return false;
    const matchId = purposeTarget(link.purpose);
    const members = (await currentMembers(tx, [matchId])).get(matchId) ?? [];
    const member = members.find((m) => m.email === link.email);
    if (!member) return false;
    try {
      await keepGoing(tx, matchId, member.userId, now);
      return true;
    } catch (error) {
      if (error instanceof PeerpostError && error.code === 'ECONFLICT') return false;
      throw error;
    }
  });
}

/**
 * A real message during the notice keeps the pair open at once (ingest hook; the tick would too).
 * `engaged`: match → time of its latest real message. One statement for a whole ingest batch; returns the
 * matches kept open.
 */
export async function keepOpenAfterMessages(db: Db, engaged: Map<string, Date>): Promise<string[]> {
  if (!engaged.size) return [];
  const ids = `{${[...engaged.keys()].join(',')}}`;
  const times = `{${[...engaged.values()].map((at) => `"${at.toISOString()}"`).join(',')}}`;
  const kept = await queryRows<{ id: string }>(
    db,
    sql`update matches m set conclusion_notice_at = null
        from unnest(${ids}::uuid[], ${times}::timestamptz[]) as e(id, at)
        where m.id = e.id and m.status = 'active' and m.conclusion_notice_at < e.at
        returning m.id`,
  );
  return kept.map((row) => row.id);
}

/** When a pending notice closes the pair, for the sidebar. */
export function closesAt(match: Pick<Match, 'conclusionNoticeAt'>, program: Pick<Program, 'healthSettings'>) {
  if (!match.conclusionNoticeAt) return null;
  return new Date(
    match.conclusionNoticeAt.getTime() + noticeDays(program.healthSettings as ConclusionSettings) * DAY,
  );
}
