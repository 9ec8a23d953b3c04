// The one place nudges become mail: a row in the durable outbox, written in the nudge's own transaction,
// so a nudge is recorded if and only if its mail is queued.
import type { Tx } from '../../db/client';
import { enqueueMail } from '../../mail/outbox';

export interface NudgeMail {
  dedupeKey: string;
  programId: string;
  programAddress: string;
  to: string;
  subject: string;
  textBody: string;
}

/** Queues the mail of one nudge and returns the outbox job id (the existing one if already queued). */
export async function queueNudgeMail(tx: Tx, mail: NudgeMail): Promise<number> {
  const queued = await enqueueMail(tx, {
    idempotencyKey: `nudge:${mail.dedupeKey}`,
    purpose: 'nudge',
    programId: mail.programId,
    from: mail.programAddress,
    to: [mail.to],
    subject: mail.subject,
    text: mail.textBody,
  });
  return queued.id;
}
