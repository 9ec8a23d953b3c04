// Shared by the ingest integration tests: SMTP senders and an IMAP client for the harness Dovecot.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { Dovecot } from '../harness/dovecot';

export function smtpSender(dovecot: Dovecot) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: dovecot.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
}

export function imapClient(port: number, user = 'program@example.org') {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    auth: { user, pass: 'secret' },
    logger: false,
  });
  client.on('error', () => {});
  return client;
}

export function rawMail(input: {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  headers?: string;
}) {
  return Buffer.from(
    [
      `Message-ID: <${input.id}@example.org>`,
      `From: ${input.from}`,
      `To: ${input.to}`,
      `Subject: ${input.subject}`,
      'Date: Tue, 03 Mar 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      ...(input.headers ? [input.headers] : []),
      '',
      input.text,
      '',
    ].join('\r\n'),
  );
}
