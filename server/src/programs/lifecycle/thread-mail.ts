// A mail into a match's thread: from the program, to the current members, program in Cc, the pair
// address as Reply-To, and In-Reply-To/References on the thread root so every client keeps threading.
import type { OutgoingMail } from '../../mail/outbox';
import type { MailText } from '../mails/plain-text';
import { pairAddress } from '../mails/plain-text';
import type { Match, Thread } from './active-matches';
import type { MatchMember } from './match-members';
import type { Program } from './program-service';

export function threadMail(
  program: Program,
  match: Match,
  thread: Thread | undefined,
  members: MatchMember[],
  mail: MailText,
  idempotencyKey: string,
  purpose: string,
): OutgoingMail {
  return {
    idempotencyKey,
    purpose,
    programId: program.id,
    from: program.address,
    to: members.map((member) => member.email),
    cc: [program.address],
    replyTo: pairAddress(program.address, match.token),
    subject: thread ? `Re: ${thread.subject}` : mail.subject,
    text: mail.text,
    inReplyTo: thread?.rootMessageId,
    references: thread ? [thread.rootMessageId] : [],
  };
}
