// Batches are bounded by bytes as well as by count: new UIDs come from SEARCH, and only messages larger
// than a batch's share (here all of them) have their size fetched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';
import { seedProgram } from '../../server/src/mail/ingest/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { imapClient, rawMail } from './ingest-helpers';

describe.each(databaseKinds())('ingest batches on %s', (kind) => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  const total = 12;

  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org']);
    database = await openTestDatabase(kind);
    await seedProgram(database.db, { pairs: [['ana@example.org', 'ben@example.org']] });
    for (let i = 0; i < total; i++)
      await dovecot.deliver(
        rawMail({
          id: `batch-${i}`,
          from: 'ana@example.org',
          to: 'ben@example.org, program@example.org',
          subject: `Message ${i}`,
          // Some 1.5 KB each with the delivery headers: a few fit in 5,000 bytes.
          text: `Message ${i}. ${'Some words about the week. '.repeat(45)}`,
        }),
        ['program@example.org'],
      );
  });
  afterAll(async () => {
    await database?.close();
    await dovecot?.stop();
  });

  it('keeps every batch under its byte bound and ingests each message once', async () => {
    const client = imapClient(dovecot.imapPort);
    await client.connect();
    const steps: number[] = [];
    try {
      const progress = await syncMailbox(client, {
        db: database.db,
        mailboxKey: 'default',
        checkpointEvery: 100,
        batchBytes: 5000,
        onProgress: (p) => steps.push(p.fetched),
      });
      expect(progress).toMatchObject({ total, fetched: total, stored: total, duplicates: 0, lastUid: total });
      // Every batch (consecutive UIDs) within 5,000 bytes, and batches of more than one message.
      const lock = await client.getMailboxLock('INBOX');
      const bytes = new Map<number, number>();
      try {
        for await (const m of client.fetch('1:*', { uid: true, size: true }, { uid: true }))
          bytes.set(m.uid, m.size ?? 0);
      } finally {
        lock.release();
      }
      const batchBytes = steps.map((fetched, k) => {
        let sum = 0;
        for (let uid = (steps[k - 1] ?? 0) + 1; uid <= fetched; uid++) sum += bytes.get(uid)!;
        return sum;
      });
      expect(Math.max(...batchBytes)).toBeLessThanOrEqual(5000);
      expect(steps.length).toBeLessThan(total);
      const again = await syncMailbox(client, { db: database.db, mailboxKey: 'default' });
      expect(again).toMatchObject({ total: 0, fetched: 0 });
    } finally {
      await client.logout().catch(() => client.close());
    }
  });
});
