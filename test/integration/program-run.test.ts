// A whole program in the database, scripted: import → matches → approve → intros in the outbox →
// simulated replies (message metadata, as ingest stores it) → prompts and check-ins → closure → report.
// Matching is the real solver's proposal, approved by the coordinator, which queues the intros.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/client';
import { checkIns, matches, messages, outboxJobs, programs, threads } from '../../server/src/db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { recordCheckInScore } from '../../server/src/programs/check-ins/record-check-in';
import { importParticipants } from '../../server/src/programs/enrolment/csv-import';
import { buildProgramReport } from '../../server/src/programs/evaluation/program-report';
import { reportToCsv } from '../../server/src/programs/evaluation/report-csv';
import { submitSurvey } from '../../server/src/programs/evaluation/survey';
import { currentMembers } from '../../server/src/programs/lifecycle/match-members';
import { transitionProgram } from '../../server/src/programs/lifecycle/program-service';
import { runProgramTick } from '../../server/src/programs/lifecycle/program-tick';
import { approveProposal } from '../../server/src/programs/matching/approve';
import { proposeMatches } from '../../server/src/programs/matching/proposal';
import { linkToken, outboxWhere } from '../../server/src/programs/test-mail';
import { createTestProgram, csvOf, peopleCsvHeader, peopleRows } from '../../server/src/programs/testing';

const DAY = 86_400_000;
const links = { publicUrl: 'http://127.0.0.1:8787' };

describe.each(databaseKinds())('a full program run on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
  });
  afterAll(() => database.close());

  it('runs from import to closure report', async () => {
    const endsOn = new Date(Date.now() + 42 * DAY).toISOString().slice(0, 10);
    const program = await createTestProgram(db, { cadenceDays: 7, checkInEveryDays: 14, endsOn });
    await transitionProgram(db, program.id, 'enrolling');

    // Import, with one bad row reported by line and skipped.
    const rows = [...peopleRows(8, 'run.org'), ['nobody', 'Broken', 'UTC', 'mid-career', '', '']];
    const dry = await importParticipants(db, program.id, csvOf(peopleCsvHeader, rows), { dryRun: true });
    expect(dry.problems.map((p) => p.line)).toEqual([10]);
    const imported = await importParticipants(db, program.id, csvOf(peopleCsvHeader, rows), {
      skipInvalid: true,
    });
    expect(imported).toMatchObject({ imported: true, created: 8, skipped: 1 });

    // Matching and approval.
    await transitionProgram(db, program.id, 'matching');
    const proposal = await proposeMatches(db, program.id);
    expect(proposal).toMatchObject({ unmatchedIds: [], graph: { vertices: 8, sparse: false } });
    const proposed = await db.select().from(matches).where(inArray(matches.id, proposal.matchIds));
    expect(proposed.every((m) => m.status === 'proposed' && m.explanation.length > 0)).toBe(true);
    // The people of this CSV alternate between offering SQL and seeking it, so every pair is mutual.
    expect(proposed.every((m) => m.explanation.some((reason) => /can teach SQL/.test(reason)))).toBe(true);
    const matchIds = await approveProposal(db, program.id);
    expect(matchIds.sort()).toEqual([...proposal.matchIds].sort());
    expect(matchIds).toHaveLength(4);

    const intros = await outboxWhere(db, 'intro:');
    expect(intros.filter((m) => m.programId === program.id)).toHaveLength(4);
    const started = await db.select().from(matches).where(inArray(matches.id, matchIds));
    expect(started.every((m) => m.status === 'active' && m.startedAt)).toBe(true);
    const startedAt = started[0]!.startedAt!;
    const members = await currentMembers(db, matchIds);

    // Replies: pairs 0 and 1 talk every few days (both members), pair 2 one-sided, pair 3 silent.
    const roots = await db.select().from(threads).where(inArray(threads.matchId, matchIds));
    const rootOf = (matchId: string) => roots.find((t) => t.matchId === matchId)!.rootMessageId;
    let n = 0;
    for (const [index, matchId] of matchIds.entries()) {
      const people = members.get(matchId)!;
      const writers = index < 2 ? people : index === 2 ? people.slice(0, 1) : [];
      for (let day = 1; day <= 40; day += 3) {
        const writer = writers[day % Math.max(writers.length, 1)];
        if (!writer) continue;
        await db.insert(messages).values({
          programId: program.id,
          matchId,
          messageId: `<reply-${n++}-${kind}@mail.example>`,
          inReplyTo: rootOf(matchId),
          references: [rootOf(matchId)],
          fromAddress: writer.email,
          toAddresses: people.filter((p) => p !== writer).map((p) => p.email),
          sentAt: new Date(startedAt.getTime() + day * DAY),
          newTextChars: 400,
          attribution: 'plus',
        });
      }
    }

    // Six weeks of daily ticks.
    for (let day = 1; day <= 41; day++)
      await runProgramTick(db, new Date(startedAt.getTime() + day * DAY), links);
    const promptMails = (await outboxWhere(db, 'prompt:')).filter((m) => m.programId === program.id);
    const promptedMatches = new Set(promptMails.map((m) => m.idempotencyKey.split(':')[1]));
    expect(promptedMatches.has(matchIds[3])).toBe(true);
    expect(promptedMatches.has(matchIds[2])).toBe(true);
    // The lively pairs only get the wrap-up, never a restart prompt.
    for (const lively of matchIds.slice(0, 2)) {
      const keys = promptMails
        .filter((m) => m.idempotencyKey.includes(lively))
        .map((m) => m.idempotencyKey.split(':')[2]);
      expect(keys.every((key) => key === 'wrap-up')).toBe(true);
    }
    for (const mail of promptMails) expect(mail.inReplyTo).toBe(rootOf(mail.idempotencyKey.split(':')[1]!));

    const checkInMails = (await outboxWhere(db, 'check-in:')).filter((m) => m.programId === program.id);
    expect(checkInMails).toHaveLength(8 * 2); // every member at day 14 and day 28
    for (const [i, mail] of checkInMails.entries()) {
      // Answered the day after it was due, in the program's simulated time.
      const [checkIn] = await db
        .select()
        .from(checkIns)
        .where(eq(checkIns.id, mail.idempotencyKey.slice('check-in:'.length)));
      const answer = await recordCheckInScore(
        db,
        linkToken(mail.textBody, 'check-in'),
        String((i % 5) + 1),
        new Date(checkIn!.dueAt.getTime() + DAY),
      );
      expect(answer.ok).toBe(true);
    }

    // The end: closing, thank-you mails with surveys, closed matches.
    const afterEnd = new Date(`${endsOn}T00:00:00Z`).getTime() + DAY;
    await runProgramTick(db, new Date(afterEnd), links);
    const [closing] = await db.select().from(programs).where(eq(programs.id, program.id));
    expect(closing!.status).toBe('closing');
    const closureMails = (await outboxWhere(db, 'closure:')).filter((m) => m.programId === program.id);
    expect(closureMails).toHaveLength(8);
    for (const [i, mail] of closureMails.entries()) {
      if (i % 2) continue;
      const saved = await submitSurvey(
        db,
        linkToken(mail.textBody, 'survey'),
        {
          satisfaction: 4 + (i % 4 === 0 ? 1 : 0),
          recommend: i < 4 ? 10 : 5,
          learned: `lesson ${i}`,
          taught: `tip ${i}`,
        },
        new Date(afterEnd),
      );
      expect(saved).toBe(true);
    }
    const closed = await db
      .select()
      .from(matches)
      .where(and(inArray(matches.id, matchIds), eq(matches.status, 'closed')));
    expect(closed).toHaveLength(4);

    const report = await buildProgramReport(db, program.id, new Date(afterEnd));
    expect(report.enrolment.total).toBe(8);
    expect(report.matches).toMatchObject({
      total: 4,
      byStatus: { closed: 4 },
      closeReasons: { 'program-ended': 4 },
    });
    expect(report.matches.compatibility.histogram.reduce((sum, b) => sum + b.count, 0)).toBe(4);
    expect(report.activity.source).toBe('mixed');
    expect(report.activity.weeks.length).toBeGreaterThanOrEqual(6);
    expect(report.activity.weeks[2]).toMatchObject({ active: 3, dormant: 1 });
    expect(report.reciprocity).toMatchObject({ matchesWithMessages: 3, twoWayMatches: 2 });
    expect(report.checkIns).toMatchObject({ sent: 16, answered: 16, responseRate: 1, averageScore: 2.88 });
    expect(report.survey).toMatchObject({ responses: 4, averageSatisfaction: 4.5, nps: 0 });
    expect(report.survey.learned).toHaveLength(4);
    const csv = reportToCsv(report);
    expect(csv.split('\r\n')[0]).toBe('section,metric,value');
    expect(csv).toContain('survey,nps,0');
    expect(csv).toContain('check_ins,average_score,2.88');

    const mailCount = (await db.select().from(outboxJobs).where(eq(outboxJobs.programId, program.id))).length;
    expect(mailCount).toBeGreaterThan(30);
  });
});
