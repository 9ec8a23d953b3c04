import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matches } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { seedProgram } from '../../mail/ingest/testing';
import { keepOpenAfterMessages } from './conclusion';

const day = (n: number) => new Date(Date.UTC(2026, 2, n));

describe.each(databaseKinds())('keepOpenAfterMessages on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('clears the notice of every pair whose message came after it, in one call', async () => {
    const { db } = database;
    const program = await seedProgram(db, {
      pairs: Array.from({ length: 5 }, (_, i) => [`k${i}a@example.org`, `k${i}b@example.org`]),
    });
    const [later, earlier, none, closed, notEngaged] = program.pairs.map((p) => p.matchId);
    for (const id of [later, earlier, closed, notEngaged])
      await db
        .update(matches)
        .set({ conclusionNoticeAt: day(10) })
        .where(eq(matches.id, id!));
    await db.update(matches).set({ status: 'closed' }).where(eq(matches.id, closed!));
    const engaged = new Map([
      [later!, day(11)],
      [earlier!, day(9)],
      [none!, day(11)],
      [closed!, day(11)],
    ]);
    expect(await keepOpenAfterMessages(db, engaged)).toEqual([later]);
    const notice = async (id: string) =>
      (await db.select().from(matches).where(eq(matches.id, id)))[0]!.conclusionNoticeAt;
    expect(await notice(later!)).toBeNull();
    for (const id of [earlier, closed, notEngaged]) expect(await notice(id!)).toEqual(day(10));
    expect(await keepOpenAfterMessages(db, new Map())).toEqual([]);
  });
});
