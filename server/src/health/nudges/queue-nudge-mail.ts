// The one place nudges become mail: a row in the durable outbox, written in the nudge's own transaction,
// so a nudge is recorded if and only if its mail is queued.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { outboxJobs } from '../../db/schema';

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
  const domain = mail.programAddress.split('@')[1] ?? 'peerpost.localhost';
  const idempotencyKey = `nudge:${mail.dedupeKey}`;
  const [job] = await tx
    .insert(outboxJobs)
    .values({
      idempotencyKey,
      programId: mail.programId,
      purpose: 'nudge',
      fromAddress: mail.programAddress,
      toAddresses: [mail.to],
      messageId: `<nudge.${randomUUID()}@${domain}>`,
      subject: mail.subject,
      textBody: mail.textBody,
      // RFC 3834: automatic mail, so that auto-responders do not answer it.
      headers: { 'Auto-Submitted': 'auto-generated' },
    })
    .onConflictDoNothing({ target: outboxJobs.idempotencyKey })
    .returning({ id: outboxJobs.id });
  if (job) return job.id;
  const [existing] = await tx
    .select({ id: outboxJobs.id })
    .from(outboxJobs)
    .where(eq(outboxJobs.idempotencyKey, idempotencyKey));
  return existing!.id;
}
