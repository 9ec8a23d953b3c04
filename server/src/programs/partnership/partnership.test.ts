// The partnership on a real database: the agreement offered and accepted by signed single-use link and in
// the sidebar's service, the agreed cadence flowing into health, goals from replies and check-in links,
// the report's goal counts, and the auto-conclusion timelines.
import { parseGoals } from '@peerpost/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { agreements, goals, matches, messages, participants } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { loadHealthInputs } from '../../health/load-histories';
import { recomputeMatchHealth } from '../../health/recompute';
import { onMessageIngested } from '../../mail/ingest/hooks';
import { buildProgramReport } from '../evaluation/program-report';
import { reportToCsv } from '../evaluation/report-csv';
import { requestRematchByLink } from '../lifecycle/leave-match';
import { currentMembers, type MatchMember } from '../lifecycle/match-members';
import { transitionProgram } from '../lifecycle/program-service';
import { runProgramTick } from '../lifecycle/program-tick';
import { linkToken, outboxTo, outboxWhere } from '../test-mail';
import { approveMatches, createTestProgram, enrolPeople, proposeMatches } from '../testing';
import { acceptAgreement, acceptAgreementByLink, agreementView, proposeCadence } from './agreement';
import { keepGoingByLink } from './conclusion';
import { goalsOfMatch, recordGoalProgressByLink, recordGoalsFromReply, setGoals } from './goals';

const DAY = 86_400_000;
const links = { publicUrl: 'https://peerpost.example.org' };

async function runningProgram(db: Db, people: number, cadenceDays = 7) {
  const program = await createTestProgram(db, { cadenceDays });
  await transitionProgram(db, program.id, 'enrolling');
  await enrolPeople(db, program, people, `${program.slug}.org`);
  await transitionProgram(db, program.id, 'matching');
  const matchIds = await proposeMatches(db, program);
  await approveMatches(db, matchIds);
  const running = await transitionProgram(db, program.id, 'running');
  const [first] = await db.select().from(matches).where(eq(matches.id, matchIds[0]!));
  return { program: running, matchIds, startedAt: first!.startedAt! };
}

const membersOf = async (db: Db, matchId: string): Promise<MatchMember[]> =>
  (await currentMembers(db, [matchId])).get(matchId) ?? [];
const at = (start: Date, days: number) => new Date(start.getTime() + days * DAY);

describe.each(databaseKinds())('partnership on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
  });
  afterAll(() => database.close());

  it('offers the agreement once in the first week and accepts it by signed single-use link', async () => {
    const { matchIds, startedAt } = await runningProgram(db, 2);
    const matchId = matchIds[0]!;
    const [ana, ben] = (await membersOf(db, matchId)) as [MatchMember, MatchMember];
    await runProgramTick(db, at(startedAt, 1), links);
    await runProgramTick(db, at(startedAt, 2), links);
    expect(await outboxWhere(db, `agreement:${matchId}:`)).toHaveLength(2);
    const [mail] = await outboxTo(db, `agreement:${matchId}:`, ana.email);
    expect(mail!.textBody).toContain('What we share stays between us.');
    expect(mail!.textBody).toMatch(/at least every 7 days/);
    const token = linkToken(mail!.textBody, 'agreement');

    expect(await acceptAgreementByLink(db, 'x'.repeat(43), at(startedAt, 2))).toBe(false);
    expect(await acceptAgreementByLink(db, token, at(startedAt, 2))).toBe(true);
    expect(await acceptAgreementByLink(db, token, at(startedAt, 2))).toBe(false);
    const afterOne = await agreementView(db, matchId, ana.userId);
    expect(afterOne).toMatchObject({ acceptedByCaller: true, acceptedByAll: false });
    const [match] = await db.select().from(matches).where(eq(matches.id, matchId));
    expect(match!.agreedCadenceDays).toBeNull();

    // Ben accepts in the sidebar: now both did, and the agreed cadence is the pair's.
    const view = await acceptAgreement(db, matchId, ben.userId, at(startedAt, 3));
    expect(view.acceptedByAll).toBe(true);
    const [agreed] = await db.select().from(matches).where(eq(matches.id, matchId));
    expect(agreed!.agreedCadenceDays).toBe(7);
    // An expired link does nothing.
    const [benMail] = await outboxTo(db, `agreement:${matchId}:`, ben.email);
    expect(
      await acceptAgreementByLink(db, linkToken(benMail!.textBody, 'agreement'), at(startedAt, 40)),
    ).toBe(false);
  });

  it('refuses the sidebar acceptance to someone outside the pair', async () => {
    const { matchIds, startedAt } = await runningProgram(db, 4);
    await runProgramTick(db, at(startedAt, 1), links);
    const [stranger] = await membersOf(db, matchIds[1]!);
    await expect(acceptAgreement(db, matchIds[0]!, stranger!.userId)).rejects.toMatchObject({
      code: 'EFORBIDDEN',
    });
  });

  it('lets the pair agree their own cadence, which health then uses; a pending agreement is a reason', async () => {
    const { matchIds, startedAt } = await runningProgram(db, 2, 14);
    const matchId = matchIds[0]!;
    const [ana, ben] = (await membersOf(db, matchId)) as [MatchMember, MatchMember];
    await runProgramTick(db, at(startedAt, 1), links);
    await db.insert(messages).values({
      programId: (await db.select().from(matches).where(eq(matches.id, matchId)))[0]!.programId,
      matchId,
      messageId: `<cadence-${kind}@mail.example>`,
      fromAddress: ana.email,
      sentAt: at(startedAt, 2),
      newTextChars: 300,
    });
    await proposeCadence(db, matchId, ana.userId, 3, at(startedAt, 2));
    const pending = await recomputeMatchHealth(db, matchId, at(startedAt, 16));
    expect(pending!.match.history.cadenceDays).toBe(14);
    expect(pending!.assessment.detail.reasons.map((r) => r.code)).toContain('agreement-pending');
    expect(pending!.assessment.detail.reasons.find((r) => r.code === 'agreement-pending')!.text).toContain(
      ben.name.split(' ')[0],
    );

    await acceptAgreement(db, matchId, ben.userId, at(startedAt, 16));
    const [stored] = await db.select().from(agreements).where(eq(agreements.matchId, matchId));
    expect(stored!.cadenceDays).toBe(3);
    const [input] = await loadHealthInputs(db, [matchId], at(startedAt, 16));
    expect(input!.history.cadenceDays).toBe(3);
    const agreed = await recomputeMatchHealth(db, matchId, at(startedAt, 16));
    const codes = agreed!.assessment.detail.reasons.map((r) => r.code);
    expect(codes).not.toContain('agreement-pending');
    // 14 days of silence is "dormant" at the pair's 3-day cadence (it was within the 14-day one).
    expect(codes).toContain('dormant');
    expect(agreed!.assessment.reasons.join(' ')).toMatch(/3-day cadence/);
    await expect(proposeCadence(db, matchId, ana.userId, 0)).rejects.toMatchObject({ code: 'EBADINPUT' });
  });

  it('records goals from a reply, asks for progress at check-ins and counts them in the report', async () => {
    const { program, matchIds, startedAt } = await runningProgram(db, 2);
    const matchId = matchIds[0]!;
    const [ana, ben] = (await membersOf(db, matchId)) as [MatchMember, MatchMember];
    const reply = `Hi!\nGoal: public speaking\nOffer: SQL tuning\n\nOn Mon, ${program.name} wrote:\n> Goal: quoted`;
    const hook = onMessageIngested.at(-1)!;
    await hook(db, {
      engaged: new Map([[matchId, at(startedAt, 2)]]),
      statedGoals: [{ matchId, fromAddress: ana.email.toUpperCase(), goals: parseGoals(reply) }],
    });
    expect(await recordGoalsFromReply(db, { matchId, fromAddress: 'x@example.org', text: reply })).toBe(0);
    await setGoals(db, matchId, ben.userId, [{ kind: 'learn', text: 'Hiring' }]);
    const shown = await goalsOfMatch(db, matchId);
    expect(shown.find((m) => m.userId === ana.userId)!.goals.map((g) => g.text)).toEqual([
      'public speaking',
      'SQL tuning',
    ]);

    // Ana restates her goals: the list is replaced, a kept goal keeps its progress.
    await runProgramTick(db, at(startedAt, 15), links);
    const [checkIn] = await outboxTo(db, 'check-in:', ana.email);
    expect(checkIn!.textBody).toContain('Offer: SQL tuning');
    const goalLinks = [...checkIn!.textBody.matchAll(/\/goal\/([A-Za-z0-9_-]{43})\?status=done/g)].map(
      (m) => m[1]!,
    );
    expect(goalLinks).toHaveLength(2);
    expect(await recordGoalProgressByLink(db, goalLinks[1]!, 'finished', at(startedAt, 15))).toEqual({
      ok: false,
      reason: 'bad-status',
    });
    expect(await recordGoalProgressByLink(db, goalLinks[1]!, 'done', at(startedAt, 15))).toMatchObject({
      ok: true,
    });
    expect(await recordGoalProgressByLink(db, goalLinks[1]!, 'moving', at(startedAt, 15))).toEqual({
      ok: false,
      reason: 'invalid-link',
    });
    await hook(db, {
      engaged: new Map([[matchId, at(startedAt, 16)]]),
      statedGoals: [
        { matchId, fromAddress: ana.email, goals: parseGoals('Offer: sql tuning\nGoal: negotiation') },
      ],
    });
    const [benCheckIn] = await outboxTo(db, 'check-in:', ben.email);
    const benLink = /\/goal\/([A-Za-z0-9_-]{43})\?status=done/.exec(benCheckIn!.textBody)![1]!;
    await recordGoalProgressByLink(db, benLink, 'done', at(startedAt, 15));
    const rows = await db.select().from(goals).where(eq(goals.matchId, matchId));
    expect(rows.map((g) => `${g.kind}:${g.text}:${g.status}`).sort()).toEqual([
      'learn:Hiring:done',
      'learn:negotiation:not_started',
      'offer:SQL tuning:done',
    ]);

    const report = await buildProgramReport(db, program.id, at(startedAt, 16));
    expect(report.partnership.goals).toMatchObject({
      set: 3,
      reached: 2,
      learned: 1,
      taught: 1,
      membersWithGoals: 2,
    });
    expect(reportToCsv(report)).toContain('goals,taught,1');
  });

  it('concludes dormant pairs with notice: kept by a reply or a click, closed after it, pinned untouched', async () => {
    const { program, matchIds, startedAt } = await runningProgram(db, 8);
    const [replied, silent, pinned, clicked] = matchIds as [string, string, string, string];
    await db.update(matches).set({ keepOpen: true }).where(eq(matches.id, pinned));
    // An hour past each day: the pairs started a few milliseconds apart.
    const tick = (days: number) => runProgramTick(db, at(startedAt, days + 1 / 24), links);
    const notices = (matchId: string) => outboxWhere(db, `conclusion-notice:${matchId}:`);
    // Other tests' programs share this database: count this program's pairs only.
    const noticedPairs = async () => {
      let n = 0;
      for (const id of matchIds) n += (await notices(id)).length / 2;
      return n;
    };
    const closedPairs = async () =>
      (await db.select().from(matches).where(eq(matches.programId, program.id))).filter(
        (m) => m.closeReason === 'auto-concluded',
      ).length;

    // 4× the 7-day cadence is 28 days, below the 42-day floor.
    await tick(41);
    expect(await noticedPairs()).toBe(0);
    await tick(42);
    expect(await noticedPairs()).toBe(3);
    await tick(43);
    expect(await noticedPairs()).toBe(3);
    for (const matchId of [replied, silent, clicked]) expect(await notices(matchId)).toHaveLength(2);
    expect(await notices(pinned)).toHaveLength(0);
    const [notice] = await notices(silent);
    expect(notice!.textBody).toMatch(/closes in 7 days/);

    // During the notice: a real reply in one pair, a "keep going" click in another, an auto-reply in the third.
    const [writer] = await membersOf(db, replied);
    await db.insert(messages).values({
      programId: program.id,
      matchId: replied,
      messageId: `<reply-${kind}@mail.example>`,
      fromAddress: writer!.email,
      sentAt: at(startedAt, 44),
    });
    for (const hook of onMessageIngested)
      await hook(db, { engaged: new Map([[replied, at(startedAt, 44)]]), statedGoals: [] });
    await db.insert(messages).values({
      programId: program.id,
      matchId: silent,
      messageId: `<ooo-${kind}@mail.example>`,
      fromAddress: (await membersOf(db, silent))[0]!.email,
      sentAt: at(startedAt, 44),
      autoReply: true,
    });
    const [clickMail] = await notices(clicked);
    const keepToken = linkToken(clickMail!.textBody, 'keep-going');
    expect(await keepGoingByLink(db, keepToken, at(startedAt, 45))).toBe(true);
    expect(await keepGoingByLink(db, keepToken, at(startedAt, 45))).toBe(false);

    await tick(48);
    expect(await closedPairs()).toBe(0);
    await tick(49);
    expect(await closedPairs()).toBe(1);
    const state = async (id: string) => (await db.select().from(matches).where(eq(matches.id, id)))[0]!;
    expect(await state(silent)).toMatchObject({
      status: 'closed',
      closeReason: 'auto-concluded',
      healthStatus: 'closed',
    });
    for (const id of [replied, clicked, pinned]) expect((await state(id)).status).toBe('active');
    expect((await state(replied)).conclusionNoticeAt).toBeNull();

    // Both members of the closed pair get a thank-you whose link asks for a rematch.
    const thanks = await outboxWhere(db, `conclusion-thanks:${silent}:`);
    expect(thanks).toHaveLength(2);
    await tick(50);
    expect(await outboxWhere(db, `conclusion-thanks:${silent}:`)).toHaveLength(2);
    expect(await requestRematchByLink(db, linkToken(thanks[0]!.textBody, 'rematch'), at(startedAt, 50))).toBe(
      true,
    );
    const asked = await db.select().from(participants).where(eq(participants.programId, program.id));
    expect(asked.filter((p) => p.rematchRequestedAt)).toHaveLength(1);

    // The clock restarts from the reply (day 44) and from the click (day 45); the pinned pair never gets one.
    await tick(85);
    expect(await noticedPairs()).toBe(3);
    await tick(86);
    expect(await noticedPairs()).toBe(4);
    await tick(87);
    expect(await noticedPairs()).toBe(5);
    expect(await notices(replied)).toHaveLength(4);
    await tick(200);
    expect(await closedPairs()).toBe(3);
    expect((await state(pinned)).status).toBe('active');
    expect(await notices(pinned)).toHaveLength(0);

    const report = await buildProgramReport(db, program.id, at(startedAt, 200));
    expect(report.partnership.conclusion).toMatchObject({ autoConcluded: 3, keptOpen: 1 });
    expect(report.matches.closeReasons['auto-concluded']).toBe(3);
  });
});
