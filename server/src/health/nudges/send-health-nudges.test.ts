import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, nudges, outboxJobs } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { runHealthTick } from '../scheduler';
import { createHealthFixture, DAY, type Fixture, type ThreadLine } from '../test-fixtures';
import { nudgesForUser } from './list-nudges';

const NOW = new Date('2026-03-10T12:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const talk: ThreadLine[] = [
  [0, 31, 700, 1],
  [1, 28, 700, 1],
  [0, 25, 700, 1],
  [1, 22, 700, 0],
];

describe.each(databaseKinds())('health nudges on %s', (kind) => {
  let database: TestDatabase;
  let fixture: Fixture;
  const sentTo = async (userId: string) => database.db.select().from(nudges).where(eq(nudges.userId, userId));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    fixture = await createHealthFixture(
      database.db,
      NOW,
      [
        // 0: Ben asked a question 6 days ago.
        { startedDaysAgo: 33, thread: [...talk, [0, 10, 700, 0], [1, 6, 500, 1]] },
        // 1: silent for three weeks.
        { startedDaysAgo: 33, thread: talk },
        // 2: silent too, but closed.
        { startedDaysAgo: 33, thread: talk, status: 'closed' },
        // 3: silent, Ana opted out.
        { startedDaysAgo: 33, thread: talk, members: [{ optOut: true }, {}] },
        // 4: silent, Ben lives in Tokyo (12:00 UTC is 21:00 there: quiet).
        { startedDaysAgo: 33, thread: talk, members: [{}, { timeZone: 'Asia/Tokyo' }] },
      ],
      { healthSettings: { nudgeEveryDays: 7 } },
    );
  });
  afterAll(() => database.close());

  it('nudges members and alerts the coordinator, with the reason and an outbox mail in the same transaction', async () => {
    const tick = await runHealthTick(database.db, 'test', NOW);
    expect(tick.ran).toBe(true);
    const [question, silent, closed, optedOut, tokyo] = fixture.pairs;

    const [toAna] = await sentTo(question!.userIds[0]!);
    expect(toAna!.kind).toBe('unanswered-question');
    expect(toAna!.reason).toMatch(/asked a question 6 days ago/);
    expect(await sentTo(question!.userIds[1]!)).toHaveLength(0);

    for (const userId of silent!.userIds) expect((await sentTo(userId))[0]?.kind).toBe('restart');
    for (const userId of closed!.userIds) expect(await sentTo(userId)).toHaveLength(0);
    expect(await sentTo(optedOut!.userIds[0]!)).toHaveLength(0);
    expect(await sentTo(optedOut!.userIds[1]!)).toHaveLength(1);
    expect(await sentTo(tokyo!.userIds[0]!)).toHaveLength(1);
    expect(await sentTo(tokyo!.userIds[1]!)).toHaveLength(0);
    expect(tick.nudges.skipped['quiet-hours']).toBeGreaterThanOrEqual(1);
    expect(tick.nudges.skipped['opted-out']).toBeGreaterThanOrEqual(1);

    const alerts = await sentTo(fixture.coordinatorId);
    expect(alerts.map((alert) => alert.kind)).toContain('at-risk');
    expect(alerts.every((alert) => alert.audience === 'coordinator')).toBe(true);
    expect(alerts.map((alert) => alert.matchId)).not.toContain(closed!.matchId);

    const [job] = await database.db.select().from(outboxJobs).where(eq(outboxJobs.id, toAna!.outboxJobId!));
    expect(job).toMatchObject({
      idempotencyKey: `nudge:${toAna!.dedupeKey}`,
      purpose: 'nudge',
      programId: fixture.programId,
      toAddresses: [question!.emails[0]],
      headers: { 'Auto-Submitted': 'auto-generated' },
      status: 'queued',
    });
    expect(job!.fromAddress).toMatch(/^mentoring-[0-9a-f]+@example\.org$/);
    expect(job!.messageId).toMatch(/^<pp\.nudge\.[A-Za-z0-9_-]+@example\.org>$/);
    expect(job!.subject).toContain('asked you a question 6 days ago');
    expect(job!.textBody).toContain('asked you a question 6 days ago');

    const all = await database.db.select().from(nudges);
    const jobs = await database.db
      .select()
      .from(outboxJobs)
      .where(
        inArray(
          outboxJobs.idempotencyKey,
          all.map((nudge) => `nudge:${nudge.dedupeKey}`),
        ),
      );
    expect(jobs).toHaveLength(all.length);
    expect((await nudgesForUser(database.db, toAna!.userId)).map((n) => n.id)).toEqual([toAna!.id]);
  });

  it('never nudges the same situation twice', async () => {
    const before = await database.db.select().from(nudges);
    const tick = await runHealthTick(database.db, 'test', new Date(NOW.getTime() + 3_600_000));
    expect(tick.nudges.sent).toBe(0);
    expect(tick.nudges.skipped.duplicate).toBeGreaterThan(0);
    expect(await database.db.select().from(nudges)).toHaveLength(before.length);
  });

  it('sends the waiting nudge once quiet hours are over', async () => {
    const tokyoBen = fixture.pairs[4]!.userIds[1]!;
    await runHealthTick(database.db, 'test', new Date('2026-03-11T01:00:00Z')); // 10:00 in Tokyo
    expect(await sentTo(tokyoBen)).toHaveLength(1);
  });

  it('rate-limits a new situation for the same person until N days have passed', async () => {
    const pair = fixture.pairs[0]!;
    // Ana answers, then Ben asks again: a new situation for Ana.
    await database.db.insert(messages).values([
      {
        programId: fixture.programId,
        matchId: pair.matchId,
        messageId: '<ana-answers@x>',
        fromAddress: pair.emails[0]!,
        sentAt: at(0.5),
        newTextChars: 400,
      },
      {
        programId: fixture.programId,
        matchId: pair.matchId,
        messageId: '<ben-asks@x>',
        fromAddress: pair.emails[1]!,
        sentAt: at(1),
        newTextChars: 400,
        questionCount: 1,
      },
    ]);
    const anaId = pair.userIds[0]!;
    await runHealthTick(database.db, 'test', at(5));
    expect(await sentTo(anaId)).toHaveLength(1);
    await runHealthTick(database.db, 'test', at(8));
    const toAna = await sentTo(anaId);
    expect(toAna).toHaveLength(2);
    expect(toAna.map((n) => n.kind)).toEqual(['unanswered-question', 'unanswered-question']);
  });
});
