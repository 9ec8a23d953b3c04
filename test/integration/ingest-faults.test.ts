// Faults: the IMAP connection dropped mid-fetch, and a UIDVALIDITY change. Both must end with every
// message stored exactly once.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxSync, messages } from '../../server/src/db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';
import { type ProgramFixture, seedProgram } from '../../server/src/mail/ingest/testing';
import { startCuttingProxy } from '../harness/cutting-proxy';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { imapClient, rawMail } from './ingest-helpers';

const mail = (i: number) =>
  rawMail({
    id: `fault-${i}`,
    from: i % 2 ? 'ana@example.org' : 'ben@example.org',
    to: i % 2 ? 'ben@example.org' : 'ana@example.org',
    subject: `Message ${i}`,
    text: `Message number ${i}. ${'Some words about the week. '.repeat(40)}`,
    headers: 'Cc: program@example.org',
  });

async function syncOnce(port: number, database: TestDatabase) {
  const client = imapClient(port);
  await client.connect();
  try {
    return await syncMailbox(client, { db: database.db, mailboxKey: 'default', checkpointEvery: 5 });
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function storedCount(database: TestDatabase, programId: string) {
  const [row] = await database.db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.programId, programId));
  return row!.n;
}

describe.each(databaseKinds())('ingest faults on %s', (kind) => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let program: ProgramFixture;
  const total = 40;

  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org']);
    database = await openTestDatabase(kind);
    program = await seedProgram(database.db, { pairs: [['ana@example.org', 'ben@example.org']] });
    for (let i = 0; i < total; i++) await dovecot.deliver(mail(i), ['program@example.org']);
  });
  afterAll(async () => {
    await database?.close();
    await dovecot?.stop();
  });

  it('resumes after the connection is cut mid-fetch, without duplicates', async () => {
    // ~1.4 KB per message: the cut lands in the middle of the FETCH response.
    const proxy = await startCuttingProxy(dovecot.imapPort, 25_000);
    try {
      await expect(syncOnce(proxy.port, database)).rejects.toThrow();
      expect(proxy.cuts).toBe(1);
      const partial = await storedCount(database, program.programId);
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(total);
      // Batches are fetched, prepared and written at once: the checkpoint must never pass a message
      // that was not written, and the batch being written when the cut came is finished first.
      const [checkpoint] = await database.db.select().from(mailboxSync);
      const stored = await database.db.select({ uid: messages.uid }).from(messages);
      const storedUids = new Set(stored.map((row) => row.uid));
      expect(checkpoint!.lastUid).toBeGreaterThan(0);
      for (let uid = 1; uid <= checkpoint!.lastUid; uid++) expect(storedUids.has(uid)).toBe(true);
      expect(partial - checkpoint!.lastUid).toBeLessThanOrEqual(5);
      proxy.cutAfter = Number.POSITIVE_INFINITY;
      const resumed = await syncOnce(proxy.port, database);
      expect(resumed.fetched).toBeLessThanOrEqual(total - partial + 5);
      expect(await storedCount(database, program.programId)).toBe(total);
      const attributed = await database.db.select({ matchId: messages.matchId }).from(messages);
      expect(attributed.every((row) => row.matchId === program.pairs[0]!.matchId)).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it('resyncs exactly when UIDVALIDITY changes (a new server with the same messages)', async () => {
    const replacement = await startDovecot(['program@example.org']);
    try {
      // Dovecot derives UIDVALIDITY from the creation time: make sure it is a different second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      for (let i = 0; i < total + 3; i++) await replacement.deliver(mail(i), ['program@example.org']);
      const progress = await syncOnce(replacement.imapPort, database);
      expect(progress.resynced).toBe(true);
      expect(progress).toMatchObject({ fetched: total + 3, stored: 3, duplicates: total });
      expect(await storedCount(database, program.programId)).toBe(total + 3);
    } finally {
      await replacement.stop();
    }
  });
});
