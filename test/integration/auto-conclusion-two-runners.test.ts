// Two server processes' program ticks on one real PostgreSQL at the same moment: every dormant pair gets
// exactly one notice per member, and closes once with one thank-you per member (FOR UPDATE SKIP LOCKED
// plus state-derived idempotency keys), whichever runner gets each pair.
import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../server/src/db/client';
import { matches, outboxJobs } from '../../server/src/db/schema';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { transitionProgram } from '../../server/src/programs/lifecycle/program-service';
import { runProgramTick } from '../../server/src/programs/lifecycle/program-tick';
import {
  approveMatches,
  createTestProgram,
  enrolPeople,
  proposeMatches,
} from '../../server/src/programs/testing';

const DAY = 86_400_000;
const links = { publicUrl: 'https://peerpost.example.org' };

describe('auto-conclusion with two runners on PostgreSQL', () => {
  let database: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    second = await openDatabase({ databaseUrl: database.url!, poolSize: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await database?.close();
  });

  it('sends one notice and one thank-you per member, whichever runner gets each pair', async () => {
    const db = database.db;
    const program = await createTestProgram(db);
    await transitionProgram(db, program.id, 'enrolling');
    await enrolPeople(db, program, 24, 'two-runners.org');
    await transitionProgram(db, program.id, 'matching');
    const matchIds = await proposeMatches(db, program);
    await approveMatches(db, matchIds);
    await transitionProgram(db, program.id, 'running');
    const [first] = await db.select().from(matches).where(eq(matches.id, matchIds[0]!));
    const day = (n: number) => new Date(first!.startedAt!.getTime() + n * DAY + 3_600_000);
    const both = (now: Date) =>
      Promise.all([
        runProgramTick(db, now, links),
        runProgramTick(second.db, now, links),
        runProgramTick(db, now, links),
        runProgramTick(second.db, now, links),
      ]);
    const mails = (prefix: string) =>
      db
        .select()
        .from(outboxJobs)
        .where(like(outboxJobs.idempotencyKey, `${prefix}%`));

    const noticeRuns = await both(day(42));
    const notices = await mails('conclusion-notice:');
    expect(notices).toHaveLength(24);
    expect(new Set(notices.map((n) => n.toAddresses[0])).size).toBe(24);
    expect(noticeRuns.reduce((sum, run) => sum + run.conclusionNotices, 0)).toBe(12);

    const closeRuns = await both(day(49));
    expect(closeRuns.reduce((sum, run) => sum + run.concludedMatches, 0)).toBe(12);
    expect(await mails('conclusion-thanks:')).toHaveLength(24);
    const closed = await db.select().from(matches).where(inArray(matches.id, matchIds));
    expect(closed.every((m) => m.status === 'closed' && m.closeReason === 'auto-concluded')).toBe(true);
    await both(day(60));
    expect(await mails('conclusion-notice:')).toHaveLength(24);
  });
});
