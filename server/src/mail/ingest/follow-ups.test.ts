// The follow-up work ingest owes is written with the messages and survives failing hooks: retried by the
// next run until it succeeds (then done once), given up after a bounded number of attempts, with logs
// that carry counts and errors but never what members wrote. Replaying it is harmless.
import { asc, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { goals, ingestFollowUps, matches } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { followUpRetry, runFollowUps, runOwedFollowUps } from './follow-ups';
import { type MessageIngestedHook, onMessageIngested } from './hooks';
import { ingestBatch, programsOfMailbox } from './ingest-message';
import { seedProgram } from './testing';

const notice = new Date('2026-03-01T00:00:00Z');
/** The k-th retry time from now: always past the backoff of the run before. */
const later = (k: number) => new Date(Date.now() + k * (followUpRetry.maxMs + 1000));
const recordGoalsHook = onMessageIngested.at(-1)!;
const failing: MessageIngestedHook = async () => {
  throw new Error('database went away');
};

describe.each(databaseKinds())('ingest follow-ups on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());
  afterEach(() => {
    onMessageIngested[onMessageIngested.length - 1] = recordGoalsHook;
  });

  /** A pair with a pending dormancy notice and Ana's reply stating goals, stored (hooks not run yet). */
  const storedGoalReply = async () => {
    const db = database.db;
    const mailboxKey = `box-${Math.random().toString(36).slice(2, 8)}`;
    const ana = `ana.${mailboxKey}@example.org`;
    const fixture = await seedProgram(db, { mailboxKey, pairs: [[ana, `ben.${mailboxKey}@example.org`]] });
    const pair = fixture.pairs[0]!;
    await db.update(matches).set({ conclusionNoticeAt: notice }).where(eq(matches.id, pair.matchId));
    const raw = Buffer.from(
      [
        `Message-ID: <goals.${mailboxKey}@example.org>`,
        `From: ${ana}`,
        `To: program+p-${pair.token}@example.org`,
        'Subject: Re: Setting goals together',
        'Date: Tue, 03 Mar 2026 10:00:00 +0000',
        '',
        'Learn: public speaking',
        'Offer: API design',
        '',
      ].join('\r\n'),
    );
    const batch = await ingestBatch(db, await programsOfMailbox(db, mailboxKey), [{ raw, mailboxKey }]);
    return { db, mailboxKey, matchId: pair.matchId, batch };
  };
  const goalsOf = (matchId: string) =>
    database.db
      .select({ id: goals.id, text: goals.text })
      .from(goals)
      .where(eq(goals.matchId, matchId))
      .orderBy(asc(goals.text));
  const noticeOf = async (matchId: string) =>
    (await database.db.select().from(matches).where(eq(matches.id, matchId)))[0]!.conclusionNoticeAt;
  const owedRows = (mailboxKey: string) =>
    database.db.select().from(ingestFollowUps).where(eq(ingestFollowUps.mailboxKey, mailboxKey));
  const capturingLogger = () => {
    const lines: string[] = [];
    return { lines, logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }) };
  };

  it('keeps the work of a failing hook owed and makes it up at the next run, once', async () => {
    const { db, mailboxKey, matchId, batch } = await storedGoalReply();
    expect(batch.followUps).toHaveLength(1);
    expect(await owedRows(mailboxKey)).toHaveLength(1);

    onMessageIngested[onMessageIngested.length - 1] = failing;
    const { lines, logger } = capturingLogger();
    await runFollowUps(db, logger, batch);
    // The other hooks still ran; the goals did not, and stay owed.
    expect(await noticeOf(matchId)).toBeNull();
    expect(await goalsOf(matchId)).toHaveLength(0);
    expect((await owedRows(mailboxKey))[0]!.attempts).toBe(1);
    expect(lines.join('')).toContain('database went away');

    onMessageIngested[onMessageIngested.length - 1] = recordGoalsHook;
    // Not before its backoff (a minute or less at first), then once.
    expect(await runOwedFollowUps(db, mailboxKey, logger)).toBe(0);
    expect(await runOwedFollowUps(db, mailboxKey, logger, later(1))).toBe(1);
    const recorded = await goalsOf(matchId);
    expect(recorded.map((g) => g.text)).toEqual(['API design', 'public speaking']);
    expect(await owedRows(mailboxKey)).toHaveLength(0);
    expect(await runOwedFollowUps(db, mailboxKey, logger, later(2))).toBe(0);
    expect(await goalsOf(matchId)).toEqual(recorded);
    expect(lines.join('')).not.toMatch(/public speaking|API design/);
  });

  it('is harmless when run again after the hooks succeeded (a crash before the row was deleted)', async () => {
    const { db, mailboxKey, matchId, batch } = await storedGoalReply();
    for (const hook of onMessageIngested) await hook(db, batch);
    const recorded = await goalsOf(matchId);
    expect(recorded).toHaveLength(2);
    // A new notice after the reply (the pair went quiet again) must survive the replay.
    const later = new Date('2026-05-01T00:00:00Z');
    await db.update(matches).set({ conclusionNoticeAt: later }).where(eq(matches.id, matchId));

    expect(await runOwedFollowUps(db, mailboxKey)).toBe(1);
    expect(await goalsOf(matchId)).toEqual(recorded);
    expect(await noticeOf(matchId)).toEqual(later);
    expect(await owedRows(mailboxKey)).toHaveLength(0);
  });

  it('records the other goal lists when one of them fails, and still reports the failure', async () => {
    const first = await storedGoalReply();
    const second = await storedGoalReply();
    const [stated] = first.batch.statedGoals;
    // Only blanks: refused by the goals service (parsing never yields this, so it stands for any failure).
    const refused = { ...stated!, goals: [{ kind: 'learn' as const, text: '   ' }] };
    await expect(
      recordGoalsHook(database.db, {
        engaged: new Map(),
        statedGoals: [refused, ...second.batch.statedGoals],
      }),
    ).rejects.toThrow('1 of 2 goal lists not recorded');
    expect(await goalsOf(first.matchId)).toHaveLength(0);
    expect(await goalsOf(second.matchId)).toHaveLength(2);
  });

  it('gives up after a bounded number of failed attempts and says so without content', async () => {
    const { db, mailboxKey, matchId, batch } = await storedGoalReply();
    onMessageIngested[onMessageIngested.length - 1] = failing;
    const { lines, logger } = capturingLogger();
    await runFollowUps(db, logger, batch);
    let runs = 1;
    while (await runOwedFollowUps(db, mailboxKey, logger, later(runs))) runs++;
    expect(runs).toBe(followUpRetry.maxAttempts);
    const [left] = await owedRows(mailboxKey);
    expect(left!.attempts).toBe(followUpRetry.maxAttempts);
    // Spread out: the retries waited longer and longer (1, 2, 4… minutes with jitter, at most an hour).
    expect(left!.nextAttemptAt.getTime() - later(runs - 1).getTime()).toBeGreaterThanOrEqual(
      followUpRetry.maxMs / 2 - 1000,
    );
    expect(await goalsOf(matchId)).toHaveLength(0);
    const log = lines.join('');
    expect(log).toContain('failed too often');
    expect(log).not.toMatch(/public speaking|API design/);
  });
});
