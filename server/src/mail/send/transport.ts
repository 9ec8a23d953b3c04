// Where mail goes: a pooled SMTP connection (nodemailer) or, without SMTP, .eml files in the data dir.
// Both take the same composed message; the worker does not know which one it has.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { MailboxConfig } from '../../config';
import { classifySmtpError, isPermanentCode, MailSendError } from './send-error';

export interface SendReceipt {
  /** Recipients the server refused permanently (the message still went to the others). */
  rejected: string[];
  /** Recipients the server deferred while accepting others: not retried, noted on the job. */
  deferred: string[];
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(jobId: number, message: SendMailOptions): Promise<SendReceipt>;
  close(): Promise<void>;
}

export interface SmtpTransportOptions {
  maxConnections?: number;
}

/** Pool settings of the SMTP transport; the outbox benchmark gives its raw baseline the same ones. */
export function smtpPoolSettings(options: SmtpTransportOptions = {}) {
  return { pool: true, maxConnections: options.maxConnections ?? 5, maxMessages: 1000 } as const;
}

/** Pooled SMTP: connections are reused across messages and processes share nothing but the queue. */
export function createSmtpTransport(
  smtp: NonNullable<MailboxConfig['smtp']>,
  options: SmtpTransportOptions = {},
): MailTransport {
  const transporter = nodemailer.createTransport({
    ...smtpPoolSettings(options),
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    // Bounded waits, all well below the job lock, so a hung server cannot outlive a claim.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    logger: false,
  });
  return {
    kind: 'smtp',
    async send(_jobId, message) {
      let info: { rejectedErrors?: { recipient?: string; responseCode?: number }[] };
      try {
        info = await transporter.sendMail(message);
      } catch (error) {
        throw classifySmtpError(error);
      }
      const refused = info.rejectedErrors ?? [];
      const pick = (permanent: boolean) =>
        refused
          .filter((r) => r.recipient && isPermanentCode(r.responseCode ?? 0) === permanent)
          .map((r) => r.recipient!);
      return { rejected: pick(true), deferred: pick(false) };
    },
    async close() {
      transporter.close();
    },
  };
}

/** Path of the .eml file a job is written to; the file is also the evidence that it was "sent". */
export function fileOutboxPath(dir: string, jobId: number): string {
  return path.join(dir, `${String(jobId).padStart(8, '0')}.eml`);
}

/** Writes each message to `<dir>/<job id>.eml` atomically (temp file + rename): whole or absent. */
export function createFileTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  mkdirSync(dir, { recursive: true });
  return {
    kind: 'file',
    async send(jobId, message) {
      const { bcc: _evidenceCopyIsNotNeededHere, ...visible } = message;
      const info = (await composer.sendMail(visible)) as unknown as { message: Buffer };
      const target = fileOutboxPath(dir, jobId);
      const temp = `${target}.${process.pid}.tmp`;
      try {
        writeFileSync(temp, info.message, { flush: true });
        renameSync(temp, target);
      } catch (error) {
        throw new MailSendError('EFILEOUTBOX', (error as Error).message, { outcome: 'transient' });
      }
      return { rejected: [], deferred: [] };
    },
    async close() {
      composer.close();
    },
  };
}
