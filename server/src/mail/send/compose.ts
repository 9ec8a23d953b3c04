// Turns an outbox row into nodemailer's message options, the same for SMTP and the file outbox, so what
// is written to a .eml file is exactly what would have gone over SMTP.
import type { SendMailOptions } from 'nodemailer';
import type { OutboxJob } from './queue';

/**
 * @param evidenceAddress the program mailbox: added as a Bcc (envelope only) unless it is already a
 *   visible recipient, so one SMTP transaction delivers a copy there exactly when it delivers at all.
 */
export function composeMessage(
  job: OutboxJob,
  recipients: { to: string[]; cc: string[] },
  evidenceAddress?: string,
): SendMailOptions {
  const visible = [...recipients.to, ...recipients.cc].map((address) => address.toLowerCase());
  const bcc = evidenceAddress && !visible.includes(evidenceAddress.toLowerCase()) ? [evidenceAddress] : [];
  return {
    from: job.fromAddress,
    to: recipients.to,
    cc: recipients.cc.length ? recipients.cc : undefined,
    bcc: bcc.length ? bcc : undefined,
    replyTo: job.replyTo ?? undefined,
    subject: job.subject,
    text: job.textBody,
    html: job.htmlBody ?? undefined,
    messageId: job.messageId,
    inReplyTo: job.inReplyTo ?? undefined,
    references: job.references.length ? job.references : undefined,
    headers: job.headers,
    date: job.createdAt,
    // Queued text is already final; never let the transport fetch files or URLs named in a message.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
