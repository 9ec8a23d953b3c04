// Introduces each approved match by email: one mail to all members from the program address, the
// program in Cc, the pair's plus-address as Reply-To, and a Message-ID recorded as the thread root so
// replies can be attributed. Sends the first prompt with it and marks the match active.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { matches, programs, prompts, promptsSent, threads } from '../../db/schema';
import { domainOf, newMessageId } from '../../mail/message-id';
import { enqueueMail } from '../../mail/outbox';
import { pairAddress } from '../mails/plain-text';
import { introMail } from '../mails/program-mails';
import { currentMembers, memberSummary } from './match-members';

/**
 * Queues intro mails for the given matches (those not yet introduced) in the caller's transaction.
 * @example await db.transaction(async (tx) => { await approve(tx, ids); await queueIntroMails(tx, ids); });
 */
export async function queueIntroMails(tx: Tx, matchIds: string[]): Promise<void> {
  if (matchIds.length === 0) return;
  const rows = await tx
    .select({ match: matches, program: programs })
    .from(matches)
    .innerJoin(programs, eq(programs.id, matches.programId))
    .where(and(inArray(matches.id, matchIds), inArray(matches.status, ['proposed', 'approved'])))
    .for('update', { of: matches });
  const members = await currentMembers(
    tx,
    rows.map((row) => row.match.id),
  );
  for (const { match, program } of rows) {
    const people = members.get(match.id) ?? [];
    if (people.length < 2) continue;
    const [firstPrompt] = await tx
      .select()
      .from(prompts)
      .where(eq(prompts.programId, program.id))
      .orderBy(asc(prompts.week), asc(prompts.key))
      .limit(1);
    const mail = introMail(
      program,
      people.map((person) => ({ name: person.name, summary: memberSummary(person.profile) })),
      firstPrompt,
    );
    const messageId = newMessageId('intro', domainOf(program.address));
    const queued = await enqueueMail(tx, {
      idempotencyKey: `intro:${match.id}`,
      purpose: 'intro',
      programId: program.id,
      from: program.address,
      to: people.map((person) => person.email),
      cc: [program.address],
      replyTo: pairAddress(program.address, match.token),
      subject: mail.subject,
      text: mail.text,
      messageId,
    });
    await tx
      .insert(threads)
      .values({ matchId: match.id, subject: mail.subject, rootMessageId: queued.messageId })
      .onConflictDoNothing();
    if (firstPrompt) {
      await tx
        .insert(promptsSent)
        .values({ matchId: match.id, promptKey: firstPrompt.key, outboxJobId: queued.id })
        .onConflictDoNothing();
    }
    const now = new Date();
    await tx
      .update(matches)
      .set({ status: 'active', startedAt: now, approvedAt: match.approvedAt ?? now })
      .where(eq(matches.id, match.id));
  }
}
