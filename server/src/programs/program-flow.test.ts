// The program rules on a real database: program design, curriculum editing, intros, the tick's prompts,
// check-ins and closure, no-fault exit with rematch, and the survey.
import { promptLibrary } from '@peerpost/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import {
  checkIns,
  healthSnapshots,
  matches,
  messages,
  participants,
  programs,
  promptsSent,
  surveyResponses,
  threads,
} from '../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../db/testing';
import { recordCheckInComment, recordCheckInScore } from './check-ins/record-check-in';
import { addPrompt, listPrompts, removePrompt, updatePrompt } from './curriculum/prompt-service';
import { buildProgramReport } from './evaluation/program-report';
import { submitSurvey } from './evaluation/survey';
import { queueIntroMails } from './lifecycle/intro-mails';
import { leaveMatchByLink, requestRematchByLink } from './lifecycle/leave-match';
import { currentMembers } from './lifecycle/match-members';
import { findProgram, type Program, transitionProgram } from './lifecycle/program-service';
import { runProgramTick } from './lifecycle/program-tick';
import { linkToken, outboxByKey, outboxTo, outboxWhere } from './test-mail';
import { approveMatches, createTestProgram, enrolPeople, proposeMatches } from './testing';

const DAY = 86_400_000;
const links = { publicUrl: 'https://peerpost.example.org' };

async function runningProgram(db: Db, people: number, overrides = {}) {
  const program = await createTestProgram(db, overrides);
  await transitionProgram(db, program.id, 'enrolling');
  await enrolPeople(db, program, people, `${program.slug}.org`);
  await transitionProgram(db, program.id, 'matching');
  const matchIds = await proposeMatches(db, program);
  await approveMatches(db, matchIds);
  const running = await transitionProgram(db, program.id, 'running');
  const [first] = await db.select().from(matches).where(eq(matches.id, matchIds[0]!));
  return { program: running, matchIds, startedAt: first!.startedAt! };
}

async function memberEmails(db: Db, matchId: string) {
  return ((await currentMembers(db, [matchId])).get(matchId) ?? []).map((m) => m.email);
}

describe.each(databaseKinds())('program engine on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
  });
  afterAll(() => database.close());

  it('copies the prompt library into a new program and lets coordinators edit it', async () => {
    const program = await createTestProgram(db);
    expect((await listPrompts(db, program.id)).map((p) => p.key)).toEqual(promptLibrary.map((p) => p.key));
    const edited = await updatePrompt(db, program.id, 'role-flip', { title: 'Swap seats', week: 2 });
    expect(edited).toMatchObject({ title: 'Swap seats', week: 2 });
    await expect(updatePrompt(db, program.id, 'role-flip', { stage: 'nonsense' })).rejects.toThrow(/stage/);
    await expect(updatePrompt(db, program.id, 'missing', { title: 'x' })).rejects.toThrow(/No prompt/);
    await addPrompt(db, program.id, {
      key: 'book-club',
      stage: 'established',
      week: 4,
      title: 'A book',
      body: 'Share one.',
    });
    await expect(
      addPrompt(db, program.id, { key: 'book-club', stage: 'established', week: 4, title: 'A', body: 'B' }),
    ).rejects.toThrow(/already/);
    await removePrompt(db, program.id, 'stuck-moment');
    const keys = (await listPrompts(db, program.id)).map((p) => p.key);
    expect(keys).toContain('book-club');
    expect(keys).not.toContain('stuck-moment');
  });

  it('enforces program transitions in the database and finds programs by slug or id', async () => {
    const program = await createTestProgram(db);
    await expect(transitionProgram(db, program.id, 'running')).rejects.toThrow(/draft to running/);
    await transitionProgram(db, program.id, 'enrolling');
    expect((await findProgram(db, program.slug)).id).toBe(program.id);
    expect((await findProgram(db, program.id)).status).toBe('enrolling');
    await expect(findProgram(db, 'no-such-program')).rejects.toThrow(/No program/);
  });

  it('introduces each match once: To both, Cc program, Reply-To pair address, root Message-ID', async () => {
    const { program, matchIds } = await runningProgram(db, 4);
    const [intro] = await outboxByKey(db, `intro:${matchIds[0]}`);
    const [match] = await db.select().from(matches).where(eq(matches.id, matchIds[0]!));
    const [thread] = await db.select().from(threads).where(eq(threads.matchId, matchIds[0]!));
    expect(intro!.fromAddress).toBe('mentoring@example.org');
    expect(intro!.toAddresses.sort()).toEqual((await memberEmails(db, matchIds[0]!)).sort());
    expect(intro!.ccAddresses).toEqual(['mentoring@example.org']);
    expect(intro!.replyTo).toBe(`mentoring+p-${match!.token}@example.org`);
    expect(thread!.rootMessageId).toBe(intro!.messageId);
    expect(intro!.textBody).toContain('Getting to know each other');
    expect(intro!.textBody).toContain('Reply all');
    expect(match).toMatchObject({ status: 'active' });
    expect(match!.startedAt).toBeInstanceOf(Date);
    const sent = await db.select().from(promptsSent).where(eq(promptsSent.matchId, matchIds[0]!));
    expect(sent.map((s) => s.promptKey)).toEqual(['getting-to-know']);
    await db.transaction((tx) => queueIntroMails(tx, matchIds));
    expect(await outboxWhere(db, `intro:${matchIds[0]}`)).toHaveLength(1);
    expect(program.status).toBe('running');
  });

  it('sends onboarding once per participant', async () => {
    const { program } = await runningProgram(db, 2);
    const now = new Date();
    await runProgramTick(db, now, links);
    await runProgramTick(db, now, links);
    const onboarding = await outboxWhere(db, `onboarding:${program.id}`);
    expect(onboarding).toHaveLength(2);
    expect(onboarding[0]!.textBody).toMatch(/same career stage/);
    expect(onboarding[0]!.textBody).toMatch(/both of you teach/);
    expect(onboarding[0]!.textBody).toMatch(/sidebar/);
  });

  it('sends the next prompt into a quiet thread, threaded on the root, and skips an active pair', async () => {
    const { program, matchIds, startedAt } = await runningProgram(db, 4);
    const [quiet, active] = matchIds as [string, string];
    const now = new Date(startedAt.getTime() + 8 * DAY);
    for (const [i, email] of (await memberEmails(db, active)).entries()) {
      await db.insert(messages).values({
        programId: program.id,
        matchId: active,
        messageId: `<active-${i}-${kind}@mail.example>`,
        fromAddress: email,
        sentAt: new Date(now.getTime() - (i + 1) * DAY),
      });
    }
    // An auto-reply never makes a pair count as active.
    await db.insert(messages).values({
      programId: program.id,
      matchId: quiet,
      messageId: `<ooo-${kind}@mail.example>`,
      fromAddress: (await memberEmails(db, quiet))[0]!,
      sentAt: new Date(now.getTime() - DAY),
      autoReply: true,
    });
    await runProgramTick(db, now, links);
    const [prompt] = await outboxByKey(db, `prompt:${quiet}:goal-setting`);
    const [thread] = await db.select().from(threads).where(eq(threads.matchId, quiet));
    expect(prompt!.inReplyTo).toBe(thread!.rootMessageId);
    expect(prompt!.references).toEqual([thread!.rootMessageId]);
    expect(prompt!.subject).toBe(`Re: ${thread!.subject}`);
    expect(await outboxWhere(db, `prompt:${active}`)).toHaveLength(0);
    await runProgramTick(db, now, links);
    // Too soon for the next one; a cadence later the next due prompt goes out.
    await runProgramTick(db, new Date(now.getTime() + 3 * DAY), links);
    expect(await outboxWhere(db, `prompt:${quiet}`)).toHaveLength(1);
    await runProgramTick(db, new Date(now.getTime() + 14 * DAY), links);
    expect(await outboxByKey(db, `prompt:${quiet}:role-flip`)).toHaveLength(1);
  });

  it('sends the wrap-up prompt in the last cadence period', async () => {
    const today = new Date();
    const endsOn = new Date(today.getTime() + 30 * DAY).toISOString().slice(0, 10);
    const { matchIds, startedAt } = await runningProgram(db, 2, { endsOn });
    await runProgramTick(db, new Date(startedAt.getTime() + 26 * DAY), links);
    expect(await outboxByKey(db, `prompt:${matchIds[0]}:wrap-up`)).toHaveLength(1);
  });

  it('schedules check-ins every checkInEveryDays and records 1-click scores and comments once', async () => {
    const { matchIds, startedAt } = await runningProgram(db, 2);
    const matchId = matchIds[0]!;
    await runProgramTick(db, new Date(startedAt.getTime() + 13 * DAY), links);
    expect(await db.select().from(checkIns).where(eq(checkIns.matchId, matchId))).toHaveLength(0);
    const due = new Date(startedAt.getTime() + 15 * DAY);
    await runProgramTick(db, due, links);
    await runProgramTick(db, due, links);
    const rows = await db.select().from(checkIns).where(eq(checkIns.matchId, matchId));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.dueAt.getTime()).toBe(startedAt.getTime() + 14 * DAY);
    const [email] = await memberEmails(db, matchId);
    const [mail] = await outboxTo(db, 'check-in:', email!);
    expect(mail!.textBody).toMatch(/\/check-in\/[A-Za-z0-9_-]{43}\?score=5/);
    expect(mail!.textBody).toContain('https://peerpost.example.org/exit/');
    const token = linkToken(mail!.textBody, 'check-in');
    expect(await recordCheckInScore(db, token, '9', due)).toEqual({ ok: false, reason: 'bad-score' });
    const answer = await recordCheckInScore(db, token, '4', due);
    expect(answer.ok).toBe(true);
    expect(await recordCheckInScore(db, token, '1', due)).toEqual({ ok: false, reason: 'invalid-link' });
    if (!answer.ok) return;
    expect(await recordCheckInComment(db, answer.commentToken, 'Going well', due)).toBe(true);
    expect(await recordCheckInComment(db, answer.commentToken, 'again', due)).toBe(false);
    const [saved] = await db.select().from(checkIns).where(eq(checkIns.id, answer.checkInId));
    expect(saved).toMatchObject({ score: 4, comment: 'Going well' });
    await runProgramTick(db, new Date(startedAt.getTime() + 29 * DAY), links);
    expect(await db.select().from(checkIns).where(eq(checkIns.matchId, matchId))).toHaveLength(4);
  });

  it('lets a member leave without fault; the partner is told kindly and can ask for a rematch', async () => {
    const { matchIds, startedAt } = await runningProgram(db, 2);
    const matchId = matchIds[0]!;
    const due = new Date(startedAt.getTime() + 15 * DAY);
    await runProgramTick(db, due, links);
    const [leaverEmail, partnerEmail] = (await memberEmails(db, matchId)) as [string, string];
    const [mail] = await outboxTo(db, 'check-in:', leaverEmail);
    const exitToken = linkToken(mail!.textBody, 'exit');
    expect(await leaveMatchByLink(db, exitToken, due, links)).toEqual({ ok: true, matchClosed: true });
    expect(await leaveMatchByLink(db, exitToken, due, links)).toEqual({ ok: false, reason: 'invalid-link' });
    const [match] = await db.select().from(matches).where(eq(matches.id, matchId));
    expect(match).toMatchObject({ status: 'closed', closeReason: 'member-left' });
    const [notice] = await outboxTo(db, `partner-left:${matchId}`, partnerEmail);
    expect(notice!.textBody).toMatch(/says\s+nothing about you/);
    expect(await outboxTo(db, `partner-left:${matchId}`, leaverEmail)).toHaveLength(0);
    expect(await requestRematchByLink(db, linkToken(notice!.textBody, 'rematch'), due)).toBe(true);
    const rows = await db
      .select({ p: participants, m: matches })
      .from(participants)
      .innerJoin(matches, eq(matches.id, matchId));
    const partner = rows.find((r) => r.p.rematchRequestedAt !== null);
    expect(partner).toBeDefined();
    expect(rows.some((r) => r.p.status === 'left')).toBe(true);
  });

  it('keeps a group of three going when one member leaves', async () => {
    const program = await createTestProgram(db, { pairSize: 3 });
    await transitionProgram(db, program.id, 'enrolling');
    await enrolPeople(db, program, 3, `trio-${kind}.org`);
    const [matchId] = await proposeMatches(db, program);
    await approveMatches(db, [matchId!]);
    const [email] = await memberEmails(db, matchId!);
    const { signedLink } = await import('./check-ins/links');
    const link = await signedLink(db, links, 'exit', `exit:${matchId}`, email!, new Date());
    const result = await leaveMatchByLink(db, link.split('/').at(-1)!, new Date(), links);
    expect(result).toEqual({ ok: true, matchClosed: false });
    expect(await memberEmails(db, matchId!)).toHaveLength(2);
    expect(await outboxWhere(db, `partner-left:${matchId}`)).toHaveLength(2);
  });

  it('closes a program after its end: thank-you with survey, matches closed, closed after the survey window', async () => {
    const endsOn = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    const { program, matchIds } = await runningProgram(db, 2, { endsOn });
    const afterEnd = new Date(`${endsOn}T00:00:00Z`).getTime() + 2 * DAY;
    const summary = await runProgramTick(db, new Date(afterEnd), links);
    expect(summary.closedMatches).toBe(1);
    const reread = async () =>
      (await db.select().from(programs).where(eq(programs.id, program.id)))[0] as Program;
    expect((await reread()).status).toBe('closing');
    const [match] = await db.select().from(matches).where(eq(matches.id, matchIds[0]!));
    expect(match).toMatchObject({ status: 'closed', closeReason: 'program-ended' });
    const closure = await outboxWhere(db, `closure:${matchIds[0]}`);
    expect(closure).toHaveLength(2);
    const token = linkToken(closure[0]!.textBody, 'survey');
    await expect(submitSurvey(db, token, { satisfaction: 6 }, new Date(afterEnd))).rejects.toThrow(/1 to 5/);
    expect(
      await submitSurvey(
        db,
        token,
        { satisfaction: 5, recommend: 9, learned: 'SQL', taught: 'hiring' },
        new Date(afterEnd),
      ),
    ).toBe(true);
    expect(await submitSurvey(db, token, { satisfaction: 1 }, new Date(afterEnd))).toBe(false);
    const answers = await db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.matchId, matchIds[0]!)));
    expect(answers).toMatchObject([{ satisfaction: 5, recommend: 9, learned: 'SQL', taught: 'hiring' }]);
    await runProgramTick(db, new Date(afterEnd + 5 * DAY), links);
    expect((await reread()).status).toBe('closing');
    expect(await outboxWhere(db, `closure:${matchIds[0]}`)).toHaveLength(2);
    await runProgramTick(db, new Date(afterEnd + 14 * DAY), links);
    expect((await reread()).status).toBe('closed');
  });

  it('reports active vs dormant pairs from health snapshots when there are any', async () => {
    const { program, matchIds, startedAt } = await runningProgram(db, 4);
    const day = (offset: number) => new Date(startedAt.getTime() + offset * DAY).toISOString().slice(0, 10);
    await db.insert(healthSnapshots).values([
      { matchId: matchIds[0]!, day: day(1), score: 80, status: 'thriving' },
      { matchId: matchIds[1]!, day: day(1), score: 70, status: 'steady' },
      { matchId: matchIds[0]!, day: day(8), score: 60, status: 'steady' },
      { matchId: matchIds[1]!, day: day(8), score: 10, status: 'dormant' },
    ]);
    const report = await buildProgramReport(db, program.id, new Date(startedAt.getTime() + 10 * DAY));
    expect(report.activity.source).toBe('health_snapshots');
    expect(report.activity.weeks.map(({ active, dormant }) => ({ active, dormant }))).toEqual([
      { active: 2, dormant: 0 },
      { active: 1, dormant: 1 },
    ]);
    expect(report.matches.byStatus).toEqual({ active: 2 });
  });
});
