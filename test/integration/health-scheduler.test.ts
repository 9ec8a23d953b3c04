// Two scheduler instances (separate connection pools, as two server processes have) on one real
// PostgreSQL: every nudge is recorded and queued exactly once, whether the lease lets one instance run or
// both race past an expired lease.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../server/src/db/client';
import { nudges, outboxJobs } from '../../server/src/db/schema';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { runHealthTick, type TickResult } from '../../server/src/health/scheduler';
import { createHealthFixture, type Fixture, type ThreadLine } from '../../server/src/health/test-fixtures';

const NOW = new Date('2026-03-10T12:00:00Z');
const quietForThreeWeeks: ThreadLine[] = [
  [0, 31, 700, 1],
  [1, 28, 700, 1],
  [0, 25, 700, 1],
  [1, 22, 700, 0],
];
const PAIRS = 12;

describe('health scheduler with two processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let fixture: Fixture;
  const instances: { owner: string; database: Database }[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    fixture = await createHealthFixture(
      database.db,
      NOW,
      Array.from({ length: PAIRS }, () => ({ startedDaysAgo: 33, thread: quietForThreeWeeks })),
    );
    for (const name of ['first', 'second']) {
      instances.push({
        owner: `${name}-${randomUUID()}`,
        database: await openDatabase({ databaseUrl: database.url!, poolSize: 4 }),
      });
    }
  });
  afterAll(async () => {
    for (const instance of instances) await instance.database.close();
    await database.close();
  });

  /**
   * `staggerMs`: the second instance starts that much later. With a lease shorter than the stagger, it
   * finds the first one's lease expired while the first is still mid-tick, so both really run at once.
   */
  const tickBoth = (now: Date, leaseMs?: number, staggerMs = 0) =>
    Promise.all(
      instances.map(async (instance, i) => {
        if (i > 0 && staggerMs) await new Promise((resolve) => setTimeout(resolve, staggerMs));
        return runHealthTick(instance.database.db, instance.owner, now, leaseMs);
      }),
    );

  async function nudgeRows() {
    return database.db.select().from(nudges);
  }

  it('lets exactly one instance run a tick and sends each nudge once', async () => {
    const results = await tickBoth(NOW);
    expect(results.filter((result) => result.ran)).toHaveLength(1);
    const rows = await nudgeRows();
    // Each quiet pair: a restart nudge to both members and an at-risk alert to the coordinator.
    expect(rows).toHaveLength(PAIRS * 3);
    expect(sentIn(results)).toBe(rows.length);
  });

  it('still sends each nudge once when both instances race past an expired lease', async () => {
    const before = (await nudgeRows()).length;
    // New quiet pairs give the racing instances new situations; the old pairs' situations are unchanged.
    const extra = await createHealthFixture(
      database.db,
      NOW,
      Array.from({ length: PAIRS }, () => ({ startedDaysAgo: 33, thread: quietForThreeWeeks })),
    );
    const rounds: TickResult[][] = [];
    for (let round = 0; round < 3; round++)
      rounds.push(await tickBoth(new Date(NOW.getTime() + round * 60_000), 1, 20));
    expect(rounds.some((results) => results.every((result) => result.ran))).toBe(true);
    const rows = await nudgeRows();
    expect(rows.length - before).toBe(PAIRS * 3);
    expect(new Set(rows.map((row) => row.dedupeKey)).size).toBe(rows.length);
    expect(rounds.flat().reduce((sum, result) => sum + result.nudges.sent, 0)).toBe(rows.length - before);
    const jobs = await database.db.select().from(outboxJobs).where(eq(outboxJobs.purpose, 'nudge'));
    expect(jobs).toHaveLength(rows.length);
    for (const row of rows) expect(jobs.filter((job) => job.id === row.outboxJobId)).toHaveLength(1);
    expect(extra.pairs).toHaveLength(PAIRS);
    expect(fixture.pairs).toHaveLength(PAIRS);
  });
});

function sentIn(results: TickResult[]) {
  return results.reduce((sum, result) => sum + result.nudges.sent, 0);
}
