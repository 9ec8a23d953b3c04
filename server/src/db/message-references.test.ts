// A message's program, match and thread are kept as foreign keys would keep them, but checked once per
// statement (migration 0012): a missing one fails the whole statement with 23503, deleting a program or
// match deletes its messages, deleting a thread clears thread_id; on PostgreSQL, an insert and a delete
// of the match it references, racing in two transactions, never leave a message without its match.
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProgramFixture, seedProgram } from '../mail/ingest/testing';
import { matches, messages, programs, threads } from './schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from './testing';

/** The SQLSTATE of a database error, however the driver or drizzle wraps it. */
function sqlState(error: unknown): string | undefined {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { state: sqlState(error), text: String((error as { cause?: unknown }).cause ?? error) };
  }
  throw new Error('expected the statement to fail');
}

let seeded = 0;
/** A program with two pairs, each with its match and intro thread. */
function seedRefsProgram(database: TestDatabase) {
  const n = seeded++;
  return seedProgram(database.db, {
    address: `refs${n}@example.org`,
    pairs: [
      [`r${n}a@example.org`, `r${n}b@example.org`],
      [`r${n}c@example.org`, `r${n}d@example.org`],
    ],
    mailboxKey: `refs${n}`,
  });
}

describe.each(databaseKinds())('message references on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  const program = () => seedRefsProgram(database);
  let sent = 0;
  const row = (
    fixture: ProgramFixture,
    pair: number | null,
    overrides: Partial<typeof messages.$inferInsert> = {},
  ) => ({
    programId: fixture.programId,
    matchId: pair === null ? null : fixture.pairs[pair]!.matchId,
    threadId: pair === null ? null : fixture.pairs[pair]!.threadId,
    messageId: `<m${sent++}@example.org>`,
    fromAddress: 'someone@example.org',
    sentAt: new Date(Date.UTC(2026, 2, 1) + sent * 60_000),
    ...overrides,
  });
  const stored = (programId: string) =>
    database.db
      .select({ id: messages.id, matchId: messages.matchId, threadId: messages.threadId })
      .from(messages)
      .where(eq(messages.programId, programId));

  it('rejects a whole insert when any row names a program, match or thread that does not exist', async () => {
    const fixture = await program();
    for (const [column, bad] of [
      ['program_id', { programId: randomUUID() }],
      ['match_id', { matchId: randomUUID() }],
      ['thread_id', { threadId: randomUUID() }],
    ] as const) {
      const rows = [row(fixture, 0), row(fixture, 1, bad), row(fixture, null)];
      const { state, text } = await failure(database.db.insert(messages).values(rows));
      expect(state).toBe('23503');
      expect(text).toContain(`"messages_${column}_`);
    }
    expect(await stored(fixture.programId)).toEqual([]);
    await database.db.insert(messages).values([row(fixture, 0), row(fixture, 1), row(fixture, null)]);
    expect(await stored(fixture.programId)).toHaveLength(3);
  });

  it('checks the references an update changes, and lets other updates through', async () => {
    const fixture = await program();
    const [message] = await database.db.insert(messages).values(row(fixture, 0)).returning();
    for (const change of [
      { programId: randomUUID() },
      { matchId: randomUUID() },
      { threadId: randomUUID() },
    ]) {
      const { state, text } = await failure(
        database.db.update(messages).set(change).where(eq(messages.id, message!.id)),
      );
      expect(state).toBe('23503');
      expect(text).toContain('violates foreign key constraint "messages_');
    }
    await database.db
      .update(messages)
      .set({ matchId: fixture.pairs[1]!.matchId, threadId: fixture.pairs[1]!.threadId, subject: 'moved' })
      .where(eq(messages.id, message!.id));
    expect(await stored(fixture.programId)).toEqual([
      { id: message!.id, matchId: fixture.pairs[1]!.matchId, threadId: fixture.pairs[1]!.threadId },
    ]);
  });

  it('deletes a match’s messages with it, and clears the thread of a deleted thread', async () => {
    const fixture = await program();
    await database.db
      .insert(messages)
      .values([row(fixture, 0), row(fixture, 0), row(fixture, 1), row(fixture, 1), row(fixture, null)]);
    await database.db.delete(threads).where(eq(threads.id, fixture.pairs[1]!.threadId));
    await database.db.delete(matches).where(eq(matches.id, fixture.pairs[0]!.matchId));
    const left = await stored(fixture.programId);
    expect(left.map((m) => [m.matchId, m.threadId]).sort()).toEqual(
      [
        [fixture.pairs[1]!.matchId, null],
        [fixture.pairs[1]!.matchId, null],
        [null, null],
      ].sort(),
    );
  });

  it('deletes every message of a deleted program, matched or not, and nothing of another program', async () => {
    const [doomed, kept] = [await program(), await program()];
    for (const fixture of [doomed, kept])
      await database.db.insert(messages).values([row(fixture, 0), row(fixture, 1), row(fixture, null)]);
    await database.db.delete(programs).where(eq(programs.id, doomed.programId));
    expect(await stored(doomed.programId)).toEqual([]);
    expect(await stored(kept.programId)).toHaveLength(3);
    const orphans = await database.db.execute(
      sql`select count(*)::int as n from messages m where not exists (select 1 from programs p where p.id = m.program_id)`,
    );
    expect((orphans as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});

// Two transactions need two connections: PostgreSQL only (PGlite has one).
describe.each(databaseKinds().filter((kind) => kind === 'postgres'))(
  'message references racing on %s',
  (kind) => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(() => database.close());

    it('leaves no message behind when its match is deleted during the insert', async () => {
      const fixture = await seedRefsProgram(database);
      const [inserting, deleting] = [new pg.Client(database.url), new pg.Client(database.url)];
      await Promise.all([inserting.connect(), deleting.connect()]);
      const pids = new Map<pg.Client, number>();
      for (const client of [inserting, deleting])
        pids.set(client, (await client.query('select pg_backend_pid() as pid')).rows[0].pid);
      /** Resolves once `client`'s statement is blocked on a row lock held by the other transaction. */
      const waitsOnLock = async (client: pg.Client) => {
        for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
          const result = await database.db.execute(
            sql`select wait_event_type from pg_stat_activity where pid = ${pids.get(client)!}`,
          );
          const [activity] = (result as unknown as { rows: { wait_event_type: string | null }[] }).rows;
          if (activity?.wait_event_type === 'Lock') return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error('the statement never waited for the other transaction');
      };
      try {
        const match = fixture.pairs[0]!;
        const insert = `insert into messages (program_id, match_id, thread_id, message_id, from_address, sent_at)
        values ($1, $2, $3, $4, 'someone@example.org', now())`;
        // The insert commits first: the delete waits for it, then takes its message along.
        await inserting.query('begin');
        await inserting.query(insert, [
          fixture.programId,
          match.matchId,
          match.threadId,
          '<race1@example.org>',
        ]);
        const deleted = deleting.query('delete from matches where id = $1', [match.matchId]);
        await waitsOnLock(deleting);
        await inserting.query('commit');
        await deleted;
        // The delete commits first: the insert waits for it, then fails as a foreign key would.
        const other = fixture.pairs[1]!;
        await deleting.query('begin');
        await deleting.query('delete from matches where id = $1', [other.matchId]);
        const late = inserting.query(insert, [
          fixture.programId,
          other.matchId,
          other.threadId,
          '<race2@example.org>',
        ]);
        late.catch(() => {});
        await waitsOnLock(inserting);
        await deleting.query('commit');
        expect(
          sqlState(
            await late.then(
              () => undefined,
              (error: unknown) => error,
            ),
          ),
        ).toBe('23503');
      } finally {
        await Promise.all([inserting.end(), deleting.end()]);
      }
      const left = await database.db
        .select({ id: messages.id })
        .from(messages)
        .where(
          inArray(
            messages.matchId,
            fixture.pairs.map((pair) => pair.matchId),
          ),
        );
      expect(left).toEqual([]);
    });
  },
);
