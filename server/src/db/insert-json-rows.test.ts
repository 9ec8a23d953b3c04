import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJsonRows, insertJsonRowsSkipped } from './insert-json-rows';
import { messages, organisations, programs } from './schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from './testing';

describe.each(databaseKinds())('insertJsonRows on %s', (kind) => {
  let database: TestDatabase;
  let programId: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const [org] = await database.db.insert(organisations).values({ name: 'Org', slug: 'org' }).returning();
    const [program] = await database.db
      .insert(programs)
      .values({ organisationId: org!.id, name: 'P', slug: 'p', address: 'p@example.org' })
      .returning();
    programId = program!.id;
  });
  afterAll(() => database.close());

  const row = (messageId: string, extra: Partial<typeof messages.$inferInsert> = {}) => ({
    programId,
    messageId,
    inReplyTo: null,
    references: ['<a@x>', '<b "quoted" \\ back@x>'],
    fromAddress: 'ana@example.org',
    toAddresses: [],
    subject: 'Ça va? 日本 🙂 "quotes" \\ and\nnewlines',
    sentAt: new Date('2026-03-02T10:00:00.123Z'),
    sizeBytes: 973,
    answersQuestion: true,
    uid: 2 ** 40,
    body: null,
    ...extra,
  });

  it('stores every value as a one-row drizzle insert would', async () => {
    const { db } = database;
    await db.insert(messages).values(row('<drizzle@x>'));
    const inserted = await insertJsonRows(db, messages, [row('<json@x>'), row('<json2@x>')], ['message_id']);
    expect(inserted.map((r) => r.message_id).sort()).toEqual(['<json2@x>', '<json@x>']);
    const read = async (messageId: string) => {
      const [found] = await db.select().from(messages).where(eq(messages.messageId, messageId));
      const { id: _, messageId: __, receivedAt: ___, ...rest } = found!;
      return rest;
    };
    expect(await read('<json@x>')).toEqual(await read('<drizzle@x>'));
  });

  it('keeps each row its own values where some columns vary and the others are sent once', async () => {
    const { db } = database;
    const rows = [
      row('<mix1@x>', { sentAt: new Date('2026-03-02T10:00:00Z'), inReplyTo: '<p@x>', sizeBytes: 1 }),
      row('<mix2@x>', { sentAt: new Date('2026-03-02T10:00:00Z'), subject: 'Other', sizeBytes: 2 }),
      row('<mix3@x>', { sentAt: new Date('2026-03-03T11:00:00Z'), references: [], sizeBytes: 3 }),
    ];
    await insertJsonRows(db, messages, rows);
    const stored = await db
      .select()
      .from(messages)
      .where(sql`${messages.messageId} like '<mix%'`)
      .orderBy(messages.messageId);
    expect(
      stored.map(({ messageId, sentAt, inReplyTo, subject, references, sizeBytes, programId }) => ({
        messageId,
        sentAt,
        inReplyTo,
        subject,
        references,
        sizeBytes,
        programId,
      })),
    ).toEqual(
      rows.map(({ messageId, sentAt, inReplyTo, subject, references, sizeBytes, programId }) => ({
        messageId,
        sentAt,
        inReplyTo,
        subject,
        references,
        sizeBytes,
        programId,
      })),
    );
  });

  it('returns only the rows a conflict clause let through', async () => {
    const inserted = await insertJsonRows(
      database.db,
      messages,
      [row('<json@x>'), row('<new@x>')],
      ['program_id', 'message_id'],
      sql`on conflict do nothing`,
    );
    expect(inserted).toEqual([{ program_id: programId, message_id: '<new@x>' }]);
  });

  it('returns the keys of the rows a conflict clause skipped, and inserts the others', async () => {
    const skipped = await insertJsonRowsSkipped(
      database.db,
      messages,
      [row('<json@x>'), row('<skip-new@x>'), row('<new@x>')],
      ['programId', 'messageId'],
      sql`on conflict do nothing`,
    );
    expect(skipped.sort((a, b) => String(a.messageId).localeCompare(String(b.messageId)))).toEqual([
      { programId, messageId: '<json@x>' },
      { programId, messageId: '<new@x>' },
    ]);
    const [stored] = await database.db
      .select({ subject: messages.subject })
      .from(messages)
      .where(eq(messages.messageId, '<skip-new@x>'));
    expect(stored?.subject).toBe(row('').subject);
  });

  it('refuses a key that is not a column', async () => {
    await expect(insertJsonRows(database.db, messages, [{ nope: 1 }], ['id'])).rejects.toThrow(
      /no column nope/,
    );
  });
});
