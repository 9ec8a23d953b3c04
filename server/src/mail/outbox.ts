// The durable outbox: every outgoing mail is a row written in the same transaction as the state change
// that caused it. A worker sends rows later; an idempotency key is never queued (so never sent) twice.
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { outboxJobs } from '../db/schema';
import { domainOf, newMessageId } from './message-id';

export interface OutgoingMail {
  /** e.g. `intro:<match>:<person>`: the same key is queued at most once. */
  idempotencyKey: string;
  purpose: 'intro' | 'prompt' | 'check-in' | 'nudge' | 'relay' | 'sign-in' | 'onboarding' | 'notice' | string;
  programId?: string | null;
  from: string;
  to: string[];
  cc?: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers, e.g. List-Unsubscribe. Automated mail gets Auto-Submitted unless it is a relay copy. */
  headers?: Record<string, string>;
  /** Use a given Message-ID (e.g. a thread root the server must recognise later). */
  messageId?: string;
}

export interface QueuedMail {
  id: number;
  messageId: string;
  /** False when the idempotency key was already queued: nothing new was written. */
  created: boolean;
}

/**
 * Queues a mail; call it inside the transaction that causes the mail.
 * @example await db.transaction(async (tx) => { …; await enqueueMail(tx, { idempotencyKey: `intro:${m}:${p}`, … }) })
 */
export async function enqueueMail(db: Db | Tx, mail: OutgoingMail): Promise<QueuedMail> {
  const messageId = mail.messageId ?? newMessageId(mail.purpose, domainOf(mail.from));
  const headers =
    mail.purpose === 'relay' ? { ...mail.headers } : { 'Auto-Submitted': 'auto-generated', ...mail.headers };
  const inserted = await db
    .insert(outboxJobs)
    .values({
      idempotencyKey: mail.idempotencyKey,
      purpose: mail.purpose,
      programId: mail.programId ?? null,
      fromAddress: mail.from,
      toAddresses: mail.to,
      ccAddresses: mail.cc ?? [],
      replyTo: mail.replyTo ?? null,
      messageId,
      inReplyTo: mail.inReplyTo ?? null,
      references: mail.references ?? [],
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      headers,
    })
    .onConflictDoNothing({ target: outboxJobs.idempotencyKey })
    .returning({ id: outboxJobs.id, messageId: outboxJobs.messageId });
  if (inserted[0]) return { ...inserted[0], created: true };
  const [existing] = await db
    .select({ id: outboxJobs.id, messageId: outboxJobs.messageId })
    .from(outboxJobs)
    .where(eq(outboxJobs.idempotencyKey, mail.idempotencyKey));
  return { ...existing!, created: false };
}
