// The dashboard's weekly series, computed in SQL: median hours to a pair's first reply (real messages
// only, pairs grouped by the week of their first message) and check-in averages per week answered, for the
// coordinator's program only, served by GET /api/programs/{id}/stats in the shared schema.
import { programStatsSchema } from '@peerpost/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app';
import type { Db } from '../../../db/client';
import { checkIns, messages } from '../../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../../db/testing';
import { type ApiWorld, createApiWorld, pairUp, testAppContext } from '../testing/api-world';
import { checkInAveragesByWeek, firstReplyByWeek } from './program-views';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Monday 00:00 UTC of the week `weeksAgo` weeks before this one. */
function monday(weeksAgo: number): Date {
  const today = new Date();
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const sinceMonday = (new Date(start).getUTCDay() + 6) % 7;
  return new Date(start - (sinceMonday + 7 * weeksAgo) * DAY);
}
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

let messageCount = 0;
function message(
  db: Db,
  programId: string,
  matchId: string,
  from: string,
  sentAt: Date,
  flags: { autoReply?: boolean; bounce?: boolean } = {},
) {
  return db.insert(messages).values({
    programId,
    matchId,
    messageId: `<stats-${++messageCount}@example.org>`,
    fromAddress: from,
    sentAt,
    ...flags,
  });
}

describe.each(databaseKinds())('program stats series on %s', (kind) => {
  let database: TestDatabase;
  let world: ApiWorld;
  const weekA = monday(3);
  const weekB = monday(2);
  // Wednesday noon of each week: far from any week boundary in every time zone.
  const wednesday = (week: Date) => new Date(week.getTime() + 2 * DAY + 12 * HOUR);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const db = database.db;
    world = await createApiWorld(db, '-stats');
    const program = world.programId;
    const pair = async (name: string) => {
      const emails: [string, string] = [`${name}-a@example.org`, `${name}-b@example.org`];
      return { ...(await pairUp(db, program, emails)), emails };
    };
    const [fast, slow, waiting, later] = [
      await pair('fast'),
      await pair('slow'),
      await pair('waiting'),
      await pair('later'),
    ];
    const a = wednesday(weekA);
    // Week A: replies after 10 h and after 30 h (median 20 h); an auto-reply and a bounce after 1 h and a
    // second message from the first writer never count; a pair still waiting is left out.
    await message(db, program, fast.matchId, fast.emails[0], a);
    await message(db, program, fast.matchId, fast.emails[1].toUpperCase(), new Date(a.getTime() + 10 * HOUR));
    await message(db, program, slow.matchId, slow.emails[0], a);
    await message(db, program, slow.matchId, slow.emails[1], new Date(a.getTime() + HOUR), {
      autoReply: true,
    });
    await message(db, program, slow.matchId, slow.emails[1], new Date(a.getTime() + HOUR), { bounce: true });
    await message(db, program, slow.matchId, slow.emails[0], new Date(a.getTime() + 2 * HOUR));
    await message(db, program, slow.matchId, slow.emails[1], new Date(a.getTime() + 30 * HOUR));
    await message(db, program, waiting.matchId, waiting.emails[0], a);
    // Week B: one pair, replying after 4 h.
    const b = wednesday(weekB);
    await message(db, program, later.matchId, later.emails[0], b);
    await message(db, program, later.matchId, later.emails[1], new Date(b.getTime() + 4 * HOUR));
    // Another program's pair replies after 1 h: not this program's figure.
    const elsewhere = await pairUp(db, world.otherProgramId, ['x-a@example.org', 'x-b@example.org']);
    await message(db, world.otherProgramId, elsewhere.matchId, 'x-a@example.org', a);
    await message(
      db,
      world.otherProgramId,
      elsewhere.matchId,
      'x-b@example.org',
      new Date(a.getTime() + HOUR),
    );

    const checkIn = (matchId: string, userId: string, score: number | null, answeredAt: Date | null) =>
      db.insert(checkIns).values({ matchId, userId, dueAt: a, score, answeredAt });
    await checkIn(fast.matchId, fast.userIds[0]!, 4, a);
    await checkIn(fast.matchId, fast.userIds[1]!, 2, new Date(a.getTime() + DAY));
    await checkIn(slow.matchId, slow.userIds[0]!, null, null);
    await checkIn(later.matchId, later.userIds[0]!, 5, b);
    await checkIn(elsewhere.matchId, elsewhere.userIds[0]!, 1, a);
  });
  afterAll(() => database.close());

  it('computes the median time to first reply per week of the first message', async () => {
    expect(await firstReplyByWeek(database.db, world.programId)).toEqual([
      { day: isoDay(weekA), hours: 20, pairs: 2 },
      { day: isoDay(weekB), hours: 4, pairs: 1 },
    ]);
  });

  it('computes check-in averages per week answered', async () => {
    expect(await checkInAveragesByWeek(database.db, world.programId)).toEqual([
      { day: isoDay(weekA), average: 3, answers: 2 },
      { day: isoDay(weekB), average: 5, answers: 1 },
    ]);
  });

  it('covers whole weeks: this one and the ones before, as many as asked', async () => {
    expect(await firstReplyByWeek(database.db, world.programId, 3)).toEqual([
      { day: isoDay(weekB), hours: 4, pairs: 1 },
    ]);
    expect(await checkInAveragesByWeek(database.db, world.programId, 3)).toEqual([
      { day: isoDay(weekB), average: 5, answers: 1 },
    ]);
  });

  it('serves the series to the coordinator in the shared schema', async () => {
    const app = createApp(testAppContext(database));
    const response = await app.request(`/api/programs/${world.programId}/stats`, {
      headers: { authorization: `Bearer ${world.tokens.coordinatorOfProgram}` },
    });
    expect(response.status).toBe(200);
    const stats = programStatsSchema.parse(await response.json());
    expect(stats.firstReplyHours.map((point) => point.hours)).toEqual([20, 4]);
    expect(stats.checkInAverages.map((point) => point.average)).toEqual([3, 5]);
  });
});
