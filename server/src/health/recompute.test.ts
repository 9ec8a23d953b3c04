import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matches } from '../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../db/testing';
import { recomputeAllHealth, recomputeMatchHealth } from './recompute';
import { healthSeries } from './series';
import { programHealthSummary } from './summary';
import { createHealthFixture, DAY, type ThreadLine } from './test-fixtures';

const NOW = new Date('2026-03-30T12:00:00Z');
const lively: ThreadLine[] = Array.from({ length: 14 }, (_, k) => [
  k % 2,
  40 - k * 2.8,
  700,
  k === 13 ? 0 : 1,
]);

describe.each(databaseKinds())('health service on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('recomputes one match and stores score, status, reasons and a snapshot per day', async () => {
    const { db } = database;
    const fixture = await createHealthFixture(db, NOW, [
      {
        startedDaysAgo: 42,
        thread: lively,
        checkIns: [
          [0, 5, 5],
          [1, 5, 4],
        ],
      },
    ]);
    const { matchId } = fixture.pairs[0]!;
    const result = await recomputeMatchHealth(db, matchId, NOW);
    expect(result?.assessment.status).toBe('thriving');
    const [stored] = await db.select().from(matches).where(eq(matches.id, matchId));
    expect(stored!.healthStatus).toBe('thriving');
    expect(stored!.healthScore).toBe(result!.assessment.score);
    expect(stored!.healthReasons).toEqual(result!.assessment.reasons);
    expect(stored!.healthComputedAt?.toISOString()).toBe(NOW.toISOString());

    // Same day again: the snapshot is replaced; two weeks later the pair is overdue and a second point appears.
    await recomputeMatchHealth(db, matchId, new Date(NOW.getTime() + 3_600_000));
    const later = new Date(NOW.getTime() + 18 * DAY);
    const after = await recomputeMatchHealth(db, matchId, later);
    expect(after?.assessment.detail.reasons[0]?.code).toBe('overdue');
    const series = await healthSeries(db, matchId);
    expect(series.map((point) => point.day)).toEqual(['2026-03-30', '2026-04-17']);
    expect(series[1]!.status).toBe(after!.assessment.status);
  });

  it("uses the pair's agreed cadence over the program's", async () => {
    const { db } = database;
    const thread: ThreadLine[] = [
      [0, 40, 600, 1],
      [1, 36, 600, 1],
      [0, 30, 600, 1],
      [1, 20, 600, 0],
    ];
    const fixture = await createHealthFixture(db, NOW, [
      { startedDaysAgo: 42, thread },
      { startedDaysAgo: 42, thread, agreedCadenceDays: 30 },
    ]);
    const program = await recomputeMatchHealth(db, fixture.pairs[0]!.matchId, NOW);
    const agreed = await recomputeMatchHealth(db, fixture.pairs[1]!.matchId, NOW);
    expect(program!.assessment.detail.signals.cadenceDays).toBe(14);
    expect(program!.assessment.detail.reasons[0]!.code).toBe('overdue');
    expect(agreed!.assessment.detail.signals.cadenceDays).toBe(30);
    expect(agreed!.assessment.detail.reasons.map((r) => r.code)).not.toContain('overdue');
  });

  it('ignores auto-replies and bounces stored by the ingest', async () => {
    const { db } = database;
    const fixture = await createHealthFixture(db, NOW, [
      {
        startedDaysAgo: 12,
        thread: [
          [1, 11, 100, 0, 'auto'],
          [0, 2, 0, 0, 'bounce'],
        ],
      },
    ]);
    const result = await recomputeMatchHealth(db, fixture.pairs[0]!.matchId, NOW);
    expect(result!.assessment.detail.signals.realMessages).toBe(0);
    expect(result!.assessment.detail.reasons[0]!.code).toBe('auto-replies-only');
  });

  it('returns undefined for an unknown match', async () => {
    expect(
      await recomputeMatchHealth(database.db, '00000000-0000-0000-0000-000000000001', NOW),
    ).toBeUndefined();
  });

  it('recomputes every active match in batches and summarises the program', async () => {
    const { db } = database;
    const fixture = await createHealthFixture(db, NOW, [
      { startedDaysAgo: 42, thread: lively },
      // First reply after 2 days.
      {
        startedDaysAgo: 40,
        thread: [
          [0, 38, 900, 1],
          [1, 36, 100, 0],
          [0, 35, 900, 1],
          [1, 34, 80],
          [0, 33, 900],
        ],
      },
      // First reply after 4 days.
      {
        startedDaysAgo: 60,
        thread: [
          [0, 58, 600, 1],
          [1, 54, 600, 0],
        ],
      },
      { startedDaysAgo: 3, thread: [] },
      { startedDaysAgo: 90, thread: lively, status: 'closed' },
    ]);
    let batches = 0;
    const { matches: count } = await recomputeAllHealth(db, NOW, {
      batchSize: 2,
      onBatch: async () => {
        batches++;
      },
    });
    expect(count).toBeGreaterThanOrEqual(4);
    expect(batches).toBeGreaterThanOrEqual(2);
    const rows = await db.select().from(matches).where(eq(matches.programId, fixture.programId));
    const closed = rows.find((row) => row.status === 'closed')!;
    expect(closed.healthComputedAt).toBeNull();
    for (const row of rows.filter((r) => r.status === 'active')) expect(row.healthStatus).toBeTruthy();

    const summary = await programHealthSummary(db, fixture.programId);
    expect(summary.matches).toBe(5);
    expect(Object.values(summary.byStatus).reduce((a, b) => a + b, 0)).toBe(5);
    expect(summary.byStatus.closed).toBe(1);
    expect(summary.byStatus.dormant).toBe(2);
    // First replies: lively 2.8 days, 2 days, 4 days, the closed lively pair 2.8 days → median 2.8.
    expect(summary.medianDaysToFirstReply).toBeCloseTo(2.8, 5);
    // Reciprocal: the two lively pairs and the 600/600 pair; the 2 700 / 180 pair is one-sided.
    expect(summary.reciprocalPairs).toBe(3);
    expect(summary.reciprocalShare).toBeCloseTo(3 / 5, 5);
  });

  // Pages are read, assessed and written side by side; what the scheduler sees must still be in order and
  // already stored, and a failure must surface rather than leave a page unwritten.
  it('hands every page on in id order, once it is stored, and surfaces a failing page', async () => {
    const { db } = database;
    await createHealthFixture(
      db,
      NOW,
      Array.from({ length: 7 }, (_, k) => ({ startedDaysAgo: 20 + k, thread: lively.slice(0, k + 1) })),
    );
    const later = new Date(NOW.getTime() + 3 * DAY);
    const seen: string[] = [];
    const { matches: count, chunks } = await recomputeAllHealth(db, later, {
      batchSize: 2,
      onBatch: async (batch) => {
        const ids = batch.map((result) => result.match.matchId);
        const stored = await db.select().from(matches).where(inArray(matches.id, ids));
        for (const { match, assessment } of batch) {
          const row = stored.find((candidate) => candidate.id === match.matchId)!;
          expect([row.healthScore, row.healthStatus]).toEqual([assessment.score, assessment.status]);
        }
        seen.push(...ids);
      },
    });
    expect(seen).toHaveLength(count);
    expect(seen).toEqual([...seen].sort());
    expect(chunks.reduce((sum, chunk) => sum + chunk.matches, 0)).toBe(count);

    let pages = 0;
    await expect(
      recomputeAllHealth(db, new Date(later.getTime() + DAY), {
        batchSize: 2,
        onBatch: async () => {
          if (++pages === 2) throw new Error('nudges failed');
        },
      }),
    ).rejects.toThrow('nudges failed');
    expect(pages).toBe(2);
  });
});
