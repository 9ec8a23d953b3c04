// The mail test harness itself: SMTP in, IMAP out, through a real Dovecot.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredAt } from '../../server/src/mail/ingest/delivered-at';
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

  it('fills a Maildir with messages stored as an LMTP delivery stores them', async () => {
    const body = Buffer.from('From: ana@example.org\r\nSubject: Filled\r\n\r\nHello\r\n');
    await dovecot.deliver(body, ['ana@example.org']);
    dovecot.fillMaildir('ana@example.org', [body]);
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.imapPort,
      secure: false,
      auth: { user: 'ana@example.org', pass: 'secret' },
      logger: false,
    });
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    try {
      const stored: { fields: string[]; size?: number; source: Buffer }[] = [];
      for await (const m of client.fetch('1:*', { source: true, size: true })) {
        const header = m.source!.toString().split('\r\n\r\n')[0]!;
        const fields = header
          .split('\r\n')
          .flatMap((line) => (/^\S/.test(line) ? [line.split(':')[0]!] : []));
        stored.push({ fields, size: m.size, source: m.source! });
      }
      const [delivered, filled] = stored;
      expect(filled!.fields).toEqual(delivered!.fields);
      expect(filled!.fields).toEqual(['Return-Path', 'Delivered-To', 'Received', 'From', 'Subject']);
      expect(filled!.size).toBe(filled!.source.length);
      expect(deliveredAt(filled!.source)).not.toBeNull();
      expect(deliveredAt(delivered!.source)).not.toBeNull();
    } finally {
      lock.release();
      await client.logout();
    }
  });
});
