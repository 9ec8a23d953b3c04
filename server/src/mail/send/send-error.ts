// Why a send failed, in one list of codes (like nodemailer's), with the SMTP context that explains it.
// The worker decides from `outcome` alone: retry, dead letter, or check the evidence before resending.

export const sendErrorCodes = {
  ESMTPTRANSIENT: 'The mail server deferred the message (4xx); it is retried with backoff',
  ESMTPPERMANENT: 'The mail server refused the message or every recipient (5xx); it goes to dead letter',
  ECONNECTION: 'The connection to the mail server failed or was lost; the send may or may not have happened',
  EUNDELIVERABLE: 'Every recipient is marked undeliverable; nothing was sent',
  EFILEOUTBOX: 'The message could not be written to the file outbox',
  EEVIDENCE: 'The program mailbox could not be searched for an earlier send; checked again later',
  EATTEMPTS: 'The message was deferred too many times; it goes to dead letter',
} as const;

export type SendErrorCode = keyof typeof sendErrorCodes;

/**
 * - `transient`: certainly not delivered, try again later.
 * - `permanent`: certainly not delivered, never try again.
 * - `uncertain`: the message may have been handed over (e.g. the connection dropped after DATA), so the
 *   worker must look for evidence of delivery before sending again.
 */
export type SendOutcome = 'transient' | 'permanent' | 'uncertain';

export class MailSendError extends Error {
  readonly outcome: SendOutcome;
  /** SMTP reply code (e.g. 451, 550) when the server answered. */
  readonly responseCode?: number;
  /** The SMTP command the server answered, e.g. `RCPT TO`, `DATA`, `CONN`. */
  readonly command?: string;
  /** Recipients the server refused permanently: these become undeliverable addresses. */
  readonly rejected: string[];

  constructor(
    readonly code: SendErrorCode,
    message: string,
    context: { outcome: SendOutcome; responseCode?: number; command?: string; rejected?: string[] },
  ) {
    super(message);
    this.name = 'MailSendError';
    this.outcome = context.outcome;
    this.responseCode = context.responseCode;
    this.command = context.command;
    this.rejected = context.rejected ?? [];
  }

  /** One line for `outbox_jobs.last_error` and logs: code, SMTP context and the server's words only. */
  summary(): string {
    const context = [this.command, this.responseCode].filter(Boolean).join(' ');
    return `${this.code}${context ? ` (${context})` : ''}: ${this.message}`.slice(0, 500);
  }
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
  rejectedErrors?: { recipient?: string; responseCode?: number }[];
}

/**
 * Maps an error from nodemailer's SMTP client to a MailSendError.
 * 4xx → transient; 5xx → permanent (503 is a bad command sequence, so transient, as nodemailer says);
 * no reply code (socket closed, timeout) → uncertain, since the server may have accepted the message
 * just before the connection went away.
 */
export function classifySmtpError(error: unknown): MailSendError {
  if (error instanceof MailSendError) return error;
  const e = (error ?? {}) as NodemailerError;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const reply = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  const rejected = (e.rejectedErrors ?? [])
    .filter((r) => r.recipient && r.responseCode !== undefined && isPermanentCode(r.responseCode))
    .map((r) => r.recipient!);
  if (responseCode === undefined) {
    return new MailSendError('ECONNECTION', reply, { outcome: 'uncertain', command: e.command });
  }
  const permanent = isPermanentCode(responseCode);
  return new MailSendError(permanent ? 'ESMTPPERMANENT' : 'ESMTPTRANSIENT', reply, {
    outcome: permanent ? 'permanent' : 'transient',
    responseCode,
    command: e.command,
    rejected,
  });
}

export function isPermanentCode(responseCode: number): boolean {
  return responseCode >= 500 && responseCode < 600 && responseCode !== 503;
}
