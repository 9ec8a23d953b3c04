// Ingests one raw message of a program mailbox: parse (or quarantine), recognise our own mail,
// extract features, attribute, store metadata (body only on opt-in), handle bounces and relay.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { messages, programs, quarantine } from '../../db/schema';
import { isPeerpostMessageId } from '../message-id';
import { relayMessage } from '../relay/relay';
import { attribute, isProgramAddress, pairTokenOf } from './attribute';
import { recordBounce } from './bounces';
import { isAutoReply } from './features/auto-reply';
import { detectBounce } from './features/bounce';
import { newText, newTextLength } from './features/new-text';
import { answersQuestion, countQuestions } from './features/questions';
import { type ParsedMessage, parseMessage } from './parse-message';

export type MailboxProgram = Pick<
  typeof programs.$inferSelect,
  'id' | 'name' | 'address' | 'relayMode' | 'storeBodies' | 'mailboxKey'
>;

export interface RawMessage {
  raw: Buffer;
  mailboxKey: string;
  uidValidity?: number | null;
  uid?: number | null;
  receivedAt?: Date;
}

export type IngestOutcome =
  | { kind: 'stored'; matchId: string | null; messageId: string }
  | { kind: 'duplicate'; messageId: string }
  | { kind: 'own'; messageId: string }
  | { kind: 'quarantined'; reason: string };

export async function programsOfMailbox(db: Db, mailboxKey: string): Promise<MailboxProgram[]> {
  return db
    .select({
      id: programs.id,
      name: programs.name,
      address: programs.address,
      relayMode: programs.relayMode,
      storeBodies: programs.storeBodies,
      mailboxKey: programs.mailboxKey,
    })
    .from(programs)
    .where(eq(programs.mailboxKey, mailboxKey));
}

/** Several programs may share a mailbox: the one whose address (or pair address) received the mail. */
export function programFor(list: MailboxProgram[], recipients: string[]): MailboxProgram | undefined {
  return list.find((p) => recipients.some((r) => isProgramAddress(r, p.address))) ?? list[0];
}

export async function quarantineRaw(db: Db, input: RawMessage, reason: string): Promise<IngestOutcome> {
  await db.insert(quarantine).values({
    mailboxKey: input.mailboxKey,
    uidValidity: input.uidValidity ?? null,
    uid: input.uid ?? null,
    reason,
    raw: input.raw,
  });
  return { kind: 'quarantined', reason };
}

export async function ingestMessage(
  db: Db,
  mailboxPrograms: MailboxProgram[],
  input: RawMessage,
  afterAttributed: (
    matchId: string,
    at: Date,
    message: { from: string; text: string },
  ) => Promise<void> = async () => {},
): Promise<IngestOutcome> {
  const parsed = await parseMessage(input.raw);
  if (!parsed.ok) return quarantineRaw(db, input, parsed.reason);
  const mail = parsed.message;
  const recipients = [...new Set([...mail.to, ...mail.cc, ...mail.deliveredTo])];
  const program = programFor(mailboxPrograms, recipients);
  if (!program) return quarantineRaw(db, input, 'no program uses this mailbox');
  // Mail the server sent itself (intro, prompts, nudges) comes back through the Cc: not engagement.
  if (isPeerpostMessageId(mail.messageId) && isProgramAddress(mail.from, program.address)) {
    return { kind: 'own', messageId: mail.messageId };
  }
  const [existing] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.programId, program.id), eq(messages.messageId, mail.messageId)));
  if (existing) return { kind: 'duplicate', messageId: mail.messageId };

  const sentAt = mail.date ?? input.receivedAt ?? new Date();
  const features = await extractFeatures(db, program.id, mail);
  const ids = [...new Set([...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references])];
  let match = await attribute(db, program, { from: mail.from, recipients, ids });
  const toPairAddress = recipients.some((r) => pairTokenOf(r, program.address));

  const outcome = await db.transaction(async (tx) => {
    if (program.relayMode && match && toPairAddress && !features.bounce) {
      const relayed = await relayMessage(tx, {
        program,
        matchId: match.matchId,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        from: mail.from,
        subject: mail.subject,
        text: mail.text,
        automatic: features.autoReply,
        at: sentAt,
      });
      // A refused non-member stays visible to coordinators as unmatched mail.
      if (relayed === 'refused') match = null;
    }
    const inserted = await tx
      .insert(messages)
      .values({
        programId: program.id,
        matchId: match?.matchId ?? null,
        threadId: match?.threadId ?? null,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        fromAddress: mail.from,
        toAddresses: mail.to,
        ccAddresses: mail.cc,
        subject: mail.subject,
        sentAt,
        receivedAt: input.receivedAt ?? new Date(),
        sizeBytes: input.raw.length,
        newTextChars: features.newTextChars,
        questionCount: features.questionCount,
        answersQuestion: features.answersQuestion,
        autoReply: features.autoReply,
        bounce: features.bounce !== null,
        attribution: match?.how ?? null,
        mailboxKey: input.mailboxKey,
        uidValidity: input.uidValidity ?? null,
        uid: input.uid ?? null,
        body: program.storeBodies ? mail.text : null,
      })
      .onConflictDoNothing()
      .returning({ id: messages.id });
    if (!inserted.length) return { kind: 'duplicate', messageId: mail.messageId } as const;
    if (features.bounce?.failedRecipients.length)
      await recordBounce(tx, program, features.bounce.failedRecipients);
    return { kind: 'stored', matchId: match?.matchId ?? null, messageId: mail.messageId } as const;
  });
  // Auto-replies and bounces are stored but are not engagement, so they do not trigger a recompute.
  if (outcome.kind === 'stored' && outcome.matchId && !features.autoReply && !features.bounce) {
    await afterAttributed(outcome.matchId, sentAt, { from: mail.from, text: mail.text });
  }
  return outcome;
}

async function extractFeatures(db: Db, programId: string, mail: ParsedMessage) {
  const fresh = newText(mail.text);
  const newTextChars = newTextLength(mail.text);
  const questionCount = countQuestions(fresh);
  let quotedQuestions = Math.max(0, countQuestions(mail.text) - questionCount);
  if (!quotedQuestions && mail.inReplyTo) {
    const [parent] = await db
      .select({ questionCount: messages.questionCount })
      .from(messages)
      .where(and(eq(messages.programId, programId), inArray(messages.messageId, [mail.inReplyTo])));
    quotedQuestions = parent?.questionCount ?? 0;
  }
  return {
    newTextChars,
    questionCount,
    answersQuestion: answersQuestion({ isReply: mail.inReplyTo !== null, quotedQuestions, newTextChars }),
    autoReply: isAutoReply(mail.header, mail.subject),
    bounce: detectBounce({
      contentType: mail.contentType,
      from: mail.from,
      subject: mail.subject,
      deliveryStatus: mail.deliveryStatus,
      text: mail.text,
    }),
  };
}
