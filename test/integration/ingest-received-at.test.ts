// When the mailbox received a message: from the Received field a delivery puts on top, and from the
// server's INTERNALDATE for mail placed without one (an IMAP APPEND), in the same sync.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../server/src/db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';
import { seedProgram } from '../../server/src/mail/ingest/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { imapClient, rawMail } from './ingest-helpers';

describe.each(databaseKinds())('received time of ingested mail on %s', (kind) => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org']);
    database = await openTestDatabase(kind);
    await seedProgram(database.db, { pairs: [['ana@example.org', 'ben@example.org']] });
  });
  afterAll(async () => {
    await database?.close();
    await dovecot?.stop();
  });

  it('takes the delivery time from Received, else from INTERNALDATE', async () => {
    const mail = (id: string) =>
      rawMail({
        id,
        from: 'ana@example.org',
        to: 'ben@example.org, program@example.org',
        subject: id,
        text: 'Hi',
      });
    const before = Date.now();
    await dovecot.deliver(mail('delivered'), ['program@example.org']);
    const after = Date.now();
    const appendedAt = new Date('2026-02-01T08:30:00Z');
    const client = imapClient(dovecot.imapPort);
    await client.connect();
    try {
      await client.append('INBOX', mail('appended'), [], appendedAt);
      // Copied in from elsewhere with its own delivery stamp: that stamp, not the copy's date.
      const stamped = Buffer.concat([
        Buffer.from('Received: by mx.example.net; Sun, 1 Mar 2026 09:00:00 +0000\r\n'),
        mail('stamped'),
      ]);
      await client.append('INBOX', stamped, [], appendedAt);
      const progress = await syncMailbox(client, { db: database.db, mailboxKey: 'default' });
      expect(progress).toMatchObject({ fetched: 3, stored: 3 });
    } finally {
      await client.logout();
    }
    const receivedAt = async (id: string) => {
      const [row] = await database.db
        .select({ receivedAt: messages.receivedAt })
        .from(messages)
        .where(eq(messages.messageId, `<${id}@example.org>`));
      return row!.receivedAt.getTime();
    };
    // Received carries whole seconds.
    expect(await receivedAt('delivered')).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(await receivedAt('delivered')).toBeLessThanOrEqual(after);
    expect(await receivedAt('appended')).toBe(appendedAt.getTime());
    expect(await receivedAt('stamped')).toBe(Date.parse('2026-03-01T09:00:00Z'));
  });
});
