// Inserted messages append to a match's compact thread when they all come after its last message and are
// from people who wrote before (migration 0009); otherwise the thread is rebuilt. Either way the compact row
// must be exactly what a full rebuild from the messages writes: random insert statements, in order, out of
// order, tied on sent_at, with new senders, several matches at once, each compared with a rebuild.
import { seededRandom } from '@peerpost/shared';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHealthFixture, type Fixture } from '../health/test-fixtures';
import { matchThreads, messages } from './schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from './testing';

const NOW = new Date('2026-03-30T12:00:00Z');
const MINUTE = 60_000;

describe.each(databaseKinds())('compact threads kept by inserts on %s', (kind) => {
  let database: TestDatabase;
  let fixture: Fixture;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    fixture = await createHealthFixture(database.db, NOW, [
      {
        startedDaysAgo: 30,
        thread: [
          [0, 20],
          [1, 19, 300, 2],
          [0, 18],
        ],
      },
      { startedDaysAgo: 30, thread: [[1, 10]] },
      { startedDaysAgo: 30, thread: [] },
    ]);
  });
  afterAll(() => database.close());

  const compactRows = async (matchIds: string[]) =>
    database.db
      .select({ matchId: matchThreads.matchId, senders: matchThreads.senders, thread: matchThreads.thread })
      .from(matchThreads)
      .where(inArray(matchThreads.matchId, matchIds))
      .orderBy(matchThreads.matchId);

  it('writes what a rebuild writes', async () => {
    const { db } = database;
    const random = seededRandom(11);
    const matchIds = fixture.pairs.map((pair) => pair.matchId);
    let latest = NOW.getTime() - 5 * 86_400_000;
    for (let statement = 0; statement < 60; statement++) {
      const rows = Array.from({ length: random.int(1, 6) }, (_, k) => {
        const pair = random.pick(fixture.pairs);
        const style = random.next();
        // Mostly later than everything so far (the append case), sometimes earlier or tied with the latest.
        if (style < 0.7) latest += random.int(1, 30) * MINUTE;
        const at = style < 0.85 ? latest : latest - 3600_000;
        const sender = random.chance(0.1) ? `guest${statement}@example.org` : random.pick(pair.emails);
        return {
          programId: fixture.programId,
          matchId: pair.matchId,
          messageId: `<s${statement}.${k}@example.org>`,
          fromAddress: random.chance(0.2) ? sender.toUpperCase() : sender,
          sentAt: new Date(at),
          newTextChars: random.int(0, 900),
          questionCount: random.int(0, 3),
          autoReply: random.chance(0.05),
          bounce: random.chance(0.03),
        };
      });
      await db.insert(messages).values(rows);
      const kept = await compactRows(matchIds);
      await db.execute(sql`select refresh_match_threads(${sql.param(matchIds)}::uuid[])`);
      expect(kept, `after statement ${statement}`).toEqual(await compactRows(matchIds));
    }
    expect((await compactRows(matchIds)).every((row) => row.thread.split(',').length % 5 === 0)).toBe(true);
  });

  // An append keeps the stored text and adds to it; a rebuild writes it anew. A marker put before the
  // stored text shows which of the two an insert did.
  it('appends later mail from known senders, and rebuilds for anything earlier', async () => {
    const { db } = database;
    const pair = fixture.pairs[0]!;
    const [before] = await compactRows([pair.matchId]);
    await db.execute(
      sql`update match_threads set thread = 'marker,' || thread where match_id = ${pair.matchId}`,
    );
    const insert = (id: string, sentAt: Date) =>
      db.insert(messages).values({
        programId: fixture.programId,
        matchId: pair.matchId,
        messageId: `<${id}@example.org>`,
        fromAddress: pair.emails[0]!,
        sentAt,
      });

    await insert('appended', new Date(NOW.getTime() + 60 * MINUTE));
    const [appended] = await compactRows([pair.matchId]);
    expect(appended!.thread.startsWith(`marker,${before!.thread},`)).toBe(true);

    await insert('earlier', new Date(NOW.getTime() - 40 * 86_400_000));
    const [rebuilt] = await compactRows([pair.matchId]);
    expect(rebuilt!.thread).not.toContain('marker');
    expect(rebuilt!.thread.split(',')).toHaveLength(before!.thread.split(',').length + 10);
  });
});
