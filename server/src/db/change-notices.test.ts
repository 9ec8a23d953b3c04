// The change-notice triggers (migration 0004) against a real database: a write to one match's rows moves
// only that match's version, a write to shared rows or to a match's status moves the global one, and a
// statement that changes nothing moves none.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiWorld } from '../http/api/testing/api-world';
import { type ChangeNotices, changeNotices } from './change-notices';
import type { Db } from './client';
import { checkIns, goals, matches, messages, participants, users } from './schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from './testing';

describe.each(databaseKinds())('change notices on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  let notices: ChangeNotices;
  let matchId: string;
  let otherMatchId: string;
  let programId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    ({ matchId, otherMatchId, programId } = await createApiWorld(db));
    notices = changeNotices(db);
    await notices.started;
  });
  afterAll(() => database.close());

  /** What a write moved: 'match' (only this match), 'global', or 'nothing'. */
  async function moved(write: () => Promise<unknown>): Promise<string> {
    expect(await notices.settled()).toBe(true);
    const before = notices.stamp(matchId);
    const other = notices.stamp(otherMatchId);
    await write();
    expect(await notices.settled()).toBe(true);
    if (!notices.isCurrent(before, matchId) && notices.isCurrent(other, otherMatchId)) return 'match';
    if (!notices.isCurrent(other, otherMatchId)) return 'global';
    return 'nothing';
  }

  it('moves one match for its messages, check-ins, goals and health', async () => {
    const message = {
      programId,
      matchId,
      messageId: '<m1@example.org>',
      fromAddress: 'ada@example.org',
      sentAt: new Date(),
    };
    expect(await moved(() => db.insert(messages).values(message))).toBe('match');
    expect(
      await moved(() => db.update(checkIns).set({ score: 3 }).where(eq(checkIns.matchId, matchId))),
    ).toBe('match');
    expect(await moved(() => db.delete(goals).where(eq(goals.matchId, matchId)))).toBe('match');
    expect(
      await moved(() => db.update(matches).set({ healthScore: 12 }).where(eq(matches.id, matchId))),
    ).toBe('match');
  });

  it('moves everything for status, people, profiles and tokens', async () => {
    expect(
      await moved(() => db.update(matches).set({ status: 'closed' }).where(eq(matches.id, matchId))),
    ).toBe('global');
    expect(await moved(() => db.update(users).set({ timeZone: 'Europe/Paris' }))).toBe('global');
    expect(await moved(() => db.update(participants).set({ team: 'Data' }))).toBe('global');
    expect(await moved(() => db.execute(sql`update api_tokens set name = 'renamed'`))).toBe('global');
  });

  it('moves nothing for a statement that changes no row', async () => {
    expect(
      await moved(() => db.update(users).set({ name: 'x' }).where(eq(users.email, 'nobody@x.org'))),
    ).toBe('nothing');
    expect(await moved(() => db.update(goals).set({ text: 'x' }).where(eq(goals.text, 'no such goal')))).toBe(
      'nothing',
    );
  });
});
