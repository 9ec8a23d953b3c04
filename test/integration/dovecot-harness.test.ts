// The mail test harness itself: SMTP in, IMAP out, through a real Dovecot.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dovecot, startDovecot } from '../harness/dovecot';

describe('Dovecot harness', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot(['program@example.org', 'ana@example.org']);
  });
  afterAll(() => dovecot?.stop());

  it('delivers nodemailer → SMTP → LMTP → mailbox, readable with imapflow', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: dovecot.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'ana@example.org',
      to: 'program@example.org',
      subject: 'Hello through the harness',
      text: 'Does this arrive?',
      messageId: '<harness-1@example.org>',
    });
    transport.close();
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.imapPort,
      secure: false,
      auth: { user: 'program@example.org', pass: 'secret' },
      logger: false,
    });
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    try {
      const subjects: string[] = [];
      for await (const message of client.fetch('1:*', { envelope: true })) {
        subjects.push(message.envelope?.subject ?? '');
      }
      expect(subjects).toEqual(['Hello through the harness']);
    } finally {
      lock.release();
      await client.logout();
    }
  });
});
