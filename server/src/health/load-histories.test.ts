// The fast load path (one row per match, the thread from its compact copy kept by triggers) must give the
// model exactly what the raw messages say: random threads, then inserts out of order, updates, moves between
// matches and deletes, each compared with a history built from the messages table itself.
import {
  assessHealth,
  assessThreadColumns,
  type HealthMessage,
  type MatchHistory,
  threadColumns,
} from '@peerpost/shared';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { checkIns, matches, matchMembers, matchThreads, messages, participants, users } from '../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../db/testing';
import { decodeThread, decodeThreadColumns, loadHealthInputs, matchHistory } from './load-histories';
import { recomputeAllHealth, recomputeMatchHealth } from './recompute';
import { createHealthFixture, DAY, type PairSpec, type ThreadLine } from './test-fixtures';

const NOW = new Date('2026-03-30T12:00:00Z');
const MINUTE = 60_000;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Random pairs: threads of 0–50 messages with distinct whole minutes, some in the future, some flagged. */
function randomPairs(count: number, seed: number): PairSpec[] {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: count }, () => {
    const startedDaysAgo = 1 + pick(120);
    const minutes = new Set<number>();
    const length = pick(51);
    while (minutes.size < length) minutes.add(pick((startedDaysAgo + 10) * 1440) - 10 * 1440);
    const thread: ThreadLine[] = [...minutes].map((minute) => {
      const flag = next() < 0.06 ? 'auto' : next() < 0.04 ? 'bounce' : undefined;
      return [pick(2), minute / 1440, pick(2000), next() < 0.6 ? 0 : pick(4), flag];
    });
    return {
      startedDaysAgo,
      thread,
      checkIns: next() < 0.5 ? [[pick(2), pick(startedDaysAgo), 1 + pick(5)]] : [],
      agreedCadenceDays: next() < 0.2 ? 7 : undefined,
    };
  });
}

/** The reference: the history with its messages read row by row from the messages table. */
async function fromRawMessages(db: Db, history: MatchHistory, matchId: string): Promise<MatchHistory> {
  const rows = await db
    .select()
    .from(messages)
    .where(eq(messages.matchId, matchId))
    .orderBy(asc(messages.sentAt));
  const raw: HealthMessage[] = rows.map((row) => ({
    from: row.fromAddress.toLowerCase(),
    at: row.sentAt.getTime(),
    newTextChars: row.newTextChars,
    questions: row.questionCount,
    autoReply: row.autoReply,
    bounce: row.bounce,
  }));
  return { ...history, messages: raw };
}

async function expectSameAsRawMessages(db: Db, matchIds: string[]) {
  const loaded = await loadHealthInputs(db, matchIds, NOW);
  expect(loaded.map((match) => match.matchId).sort()).toEqual([...matchIds].sort());
  const columns = threadColumns(1);
  for (const match of loaded) {
    const history = matchHistory(match);
    const reference = await fromRawMessages(db, history, match.matchId);
    expect(history.messages).toEqual(reference.messages);
    const expected = assessHealth(reference, match.settings);
    expect(assessHealth(history, match.settings)).toEqual(expected);
    // The recompute's own path: the stored thread decoded into reused columns.
    decodeThreadColumns(match.thread.senders, match.thread.text, columns);
    expect(assessThreadColumns(match.history, columns, match.settings)).toStrictEqual(expected);
  }
  return loaded;
}

/** Members and check-ins as the compact row must show them, read from their own tables. */
async function expectSamePeopleAsTables(db: Db, matchIds: string[]) {
  const loaded = await loadHealthInputs(db, matchIds, NOW);
  expect(loaded).toHaveLength(matchIds.length);
  for (const match of loaded) {
    const members = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(matchMembers)
      .innerJoin(users, eq(users.id, matchMembers.userId))
      .where(and(eq(matchMembers.matchId, match.matchId), isNull(matchMembers.leftAt)))
      .orderBy(sql`lower(${users.email})`);
    expect(match.history.members).toEqual(
      members.map((m) => ({ address: m.email.toLowerCase(), name: m.name.split(' ')[0] })),
    );
    expect([...match.userIds]).toEqual(members.map((m) => [m.email.toLowerCase(), m.id]));
    const answered = await db
      .select({ email: users.email, at: checkIns.answeredAt, score: checkIns.score })
      .from(checkIns)
      .innerJoin(users, eq(users.id, checkIns.userId))
      .where(
        and(eq(checkIns.matchId, match.matchId), isNotNull(checkIns.score), isNotNull(checkIns.answeredAt)),
      )
      .orderBy(asc(checkIns.answeredAt));
    expect(match.history.checkIns).toEqual(
      answered.map((c) => ({ from: c.email.toLowerCase(), at: c.at!.getTime(), score: c.score })),
    );
  }
}

describe('decodeThread', () => {
  it('reads five numbers per message, negative times included', () => {
    expect(decodeThread(['a@x', 'b@x'], '1,1774000000000,300,2,0,0,-5,0,0,3')).toEqual([
      {
        from: 'b@x',
        at: 1_774_000_000_000,
        newTextChars: 300,
        questions: 2,
        autoReply: false,
        bounce: false,
      },
      { from: 'a@x', at: -5, newTextChars: 0, questions: 0, autoReply: true, bounce: true },
    ]);
    expect(decodeThread([], '')).toEqual([]);
  });
});

describe.each(databaseKinds())('health inputs on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('gives the model what the raw messages say for random threads, through every kind of change', async () => {
    const { db } = database;
    const fixture = await createHealthFixture(db, NOW, randomPairs(40, 7));
    const ids = fixture.pairs.map((pair) => pair.matchId);
    const [first, second, third] = fixture.pairs;
    const loaded = await expectSameAsRawMessages(db, ids);
    // The random threads cover what the model distinguishes, so the comparison means something.
    const statuses = new Set(loaded.map((match) => assessHealth(matchHistory(match), match.settings).status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);

    // One statement for several matches, out of order, from someone outside the pair and in capitals.
    await db.insert(messages).values(
      [first!, second!].flatMap((pair, p) => [
        {
          programId: fixture.programId,
          matchId: pair.matchId,
          messageId: `<late-${p}@example.org>`,
          fromAddress: pair.emails[1]!.toUpperCase(),
          sentAt: new Date(NOW.getTime() - 200 * DAY - 7 * MINUTE),
          newTextChars: 321,
          questionCount: 2,
        },
        {
          programId: fixture.programId,
          matchId: pair.matchId,
          messageId: `<guest-${p}@example.org>`,
          fromAddress: 'Former.Member@Example.org',
          sentAt: new Date(NOW.getTime() - 2 * DAY - 11 * MINUTE),
          newTextChars: 900,
          questionCount: 1,
        },
      ]),
    );
    await expectSameAsRawMessages(db, ids);

    // Updates: flags and times change, a message moves to another match, an address is erased.
    const [moved] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.matchId, first!.matchId))
      .limit(1);
    await db
      .update(messages)
      .set({
        autoReply: sql`not ${messages.autoReply}`,
        sentAt: sql`${messages.sentAt} + interval '3 minutes'`,
      })
      .where(inArray(messages.matchId, [second!.matchId, third!.matchId]));
    await db.update(messages).set({ matchId: third!.matchId }).where(eq(messages.id, moved!.id));
    await db
      .update(messages)
      .set({ fromAddress: 'erased@invalid' })
      .where(eq(messages.fromAddress, 'Former.Member@Example.org'));
    await expectSameAsRawMessages(db, ids);

    // Deletes: one message, then a whole thread.
    await db.delete(messages).where(eq(messages.id, moved!.id));
    await db.delete(messages).where(eq(messages.matchId, second!.matchId));
    const afterDelete = await expectSameAsRawMessages(db, ids);
    expect(matchHistory(afterDelete.find((match) => match.matchId === second!.matchId)!).messages).toEqual(
      [],
    );
    // The match still has members, so its compact row stays, without a thread.
    expect(
      await db
        .select({ senders: matchThreads.senders, thread: matchThreads.thread })
        .from(matchThreads)
        .where(eq(matchThreads.matchId, second!.matchId)),
    ).toEqual([{ senders: [], thread: '' }]);
  });

  it('keeps members and check-ins in the compact row exact through every kind of change', async () => {
    const { db } = database;
    const fixture = await createHealthFixture(db, NOW, [
      {
        startedDaysAgo: 30,
        thread: [
          [0, 20],
          [1, 18],
        ],
        checkIns: [[0, 10, 4]],
      },
      {
        startedDaysAgo: 30,
        thread: [],
        checkIns: [
          [1, 12, 2],
          [0, 5, 5],
        ],
      },
      { startedDaysAgo: 30, thread: [[0, 3]] },
    ]);
    const ids = fixture.pairs.map((pair) => pair.matchId);
    const [first, second, third] = fixture.pairs;
    await expectSamePeopleAsTables(db, ids);

    // A person renames themselves: every match they are in follows.
    await db
      .update(users)
      .set({ email: 'Renamed.Person@Example.org', name: 'Zed Renamed' })
      .where(eq(users.id, first!.userIds[0]!));
    await expectSamePeopleAsTables(db, ids);
    // Someone joins a pair, someone leaves another.
    const [joiner] = await db
      .insert(users)
      .values({ email: `joiner-${ids[0]}@example.org`, name: 'Jo' })
      .returning();
    const [profile] = await db
      .insert(participants)
      .values({ programId: fixture.programId, userId: joiner!.id, careerStage: 'mid' })
      .returning();
    await db
      .insert(matchMembers)
      .values({ matchId: first!.matchId, participantId: profile!.id, userId: joiner!.id });
    await db
      .update(matchMembers)
      .set({ leftAt: NOW })
      .where(and(eq(matchMembers.matchId, third!.matchId), eq(matchMembers.userId, third!.userIds[1]!)));
    await expectSamePeopleAsTables(db, ids);

    // A check-in is sent, answered later, and another one removed.
    const [pending] = await db
      .insert(checkIns)
      .values({ matchId: third!.matchId, userId: third!.userIds[0]!, dueAt: NOW })
      .returning();
    await expectSamePeopleAsTables(db, ids);
    await db
      .update(checkIns)
      .set({ score: 1, answeredAt: new Date(NOW.getTime() - MINUTE) })
      .where(eq(checkIns.id, pending!.id));
    await db.delete(checkIns).where(eq(checkIns.matchId, second!.matchId));
    await expectSamePeopleAsTables(db, ids);

    // A person is erased (their memberships and check-ins go with them).
    await db.delete(users).where(eq(users.id, third!.userIds[0]!));
    await expectSamePeopleAsTables(db, ids);
  });

  it('writes only health that changed, and the first snapshot of each day', async () => {
    const { db } = database;
    const thread: ThreadLine[] = [
      [0, 20, 600, 1],
      [1, 18, 600, 0],
      [0, 10, 600, 1],
      [1, 6, 600, 0],
    ];
    const fixture = await createHealthFixture(db, NOW, [{ startedDaysAgo: 30, thread }]);
    const { matchId } = fixture.pairs[0]!;
    const computedAt = async () =>
      (await db.select().from(matches).where(eq(matches.id, matchId)))[0]!.healthComputedAt?.getTime();
    const snapshots = async () =>
      (await db.execute(sql`select day::text as day from health_snapshots where match_id = ${matchId}
        order by day`)) as unknown as { rows: { day: string }[] };

    const first = await recomputeMatchHealth(db, matchId, NOW);
    expect(await computedAt()).toBe(NOW.getTime());
    // A minute later nothing differs: nothing is written.
    const again = await recomputeMatchHealth(db, matchId, new Date(NOW.getTime() + MINUTE));
    expect(again!.assessment.reasons).toEqual(first!.assessment.reasons);
    expect(await computedAt()).toBe(NOW.getTime());
    // Next day: the same health still gets that day's snapshot.
    const nextDay = new Date(NOW.getTime() + DAY);
    await recomputeAllHealth(db, nextDay);
    expect((await snapshots()).rows.map((row) => row.day)).toEqual(['2026-03-30', '2026-03-31']);
    // A new message changes the reasons: written at once.
    await db.insert(messages).values({
      programId: fixture.programId,
      matchId,
      messageId: '<new@example.org>',
      fromAddress: fixture.pairs[0]!.emails[0]!,
      sentAt: new Date(nextDay.getTime() - MINUTE),
      newTextChars: 400,
    });
    const changed = await recomputeMatchHealth(db, matchId, nextDay);
    expect(changed!.assessment.reasons).not.toEqual(first!.assessment.reasons);
    expect(await computedAt()).toBe(nextDay.getTime());
  });
});
