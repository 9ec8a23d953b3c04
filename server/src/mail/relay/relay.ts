// Relay mode: members write only to their pair address and the server forwards each message to the
// other member(s) from that address, keeping the original Message-ID, In-Reply-To and References so
// every client threads it, and never showing a member's real address (not in the headers, and not in
// the quoted history or signature either). Non-members get one short explanation per day at most.
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { matches, matchMembers, users } from '../../db/schema';
import { pairAddress } from '../ingest/attribute';
import { enqueueMail } from '../outbox';

export interface RelayInput {
  program: { id: string; address: string; name: string };
  matchId: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: string;
  subject: string;
  text: string;
  /** Automatic mail is never answered (RFC 3834 §2): no loops with vacation responders. */
  automatic: boolean;
  at: Date;
}

export type RelayOutcome = 'relayed' | 'refused' | 'ignored';

export async function relayMessage(tx: Tx, input: RelayInput): Promise<RelayOutcome> {
  const members = await tx
    .select({ email: users.email, name: users.name, token: matches.token })
    .from(matchMembers)
    .innerJoin(users, eq(users.id, matchMembers.userId))
    .innerJoin(matches, eq(matches.id, matchMembers.matchId))
    .where(and(eq(matchMembers.matchId, input.matchId), isNull(matchMembers.leftAt)));
  const token = members[0]?.token;
  const sender = input.from.toLowerCase();
  if (!token || !members.some((m) => m.email.toLowerCase() === sender)) {
    if (input.automatic) return 'ignored';
    const day = input.at.toISOString().slice(0, 10);
    await enqueueMail(tx, {
      idempotencyKey: `relay-refusal:${input.program.id}:${sender}:${day}`,
      purpose: 'notice',
      programId: input.program.id,
      from: input.program.address,
      to: [sender],
      subject: `Not delivered: ${input.subject}`.slice(0, 200),
      text: `This address belongs to a pair in ${input.program.name}. Only the members of that pair can write to it, so your message was not forwarded. If you think this is a mistake, contact the program's coordinators.`,
    });
    return 'refused';
  }
  if (input.automatic) return 'ignored';
  const others = members.map((m) => m.email).filter((email) => email.toLowerCase() !== sender);
  if (!others.length) return 'ignored';
  const address = pairAddress(input.program.address, token);
  const hide = (text: string) => hideAddresses(text, [...members.map((m) => m.email), sender], address);
  const senderName = members.find((m) => m.email.toLowerCase() === sender)?.name ?? '';
  await enqueueMail(tx, {
    idempotencyKey: `relay:${input.matchId}:${input.messageId}`,
    purpose: 'relay',
    programId: input.program.id,
    from: displayFrom(hide(`${senderName} via ${input.program.name}`), address),
    to: others,
    replyTo: address,
    subject: hide(input.subject),
    text: hide(input.text),
    inReplyTo: input.inReplyTo ?? undefined,
    references: input.references,
    messageId: input.messageId,
  });
  return 'relayed';
}

/** Replaces every member address in a text (quoted "On … <ana@x> wrote:", signatures) by the pair address. */
export function hideAddresses(text: string, addresses: string[], pair: string): string {
  const unique = [...new Set(addresses.map((address) => address.toLowerCase()))].filter(Boolean);
  if (!unique.length) return text;
  const escaped = unique.map((address) => address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Whole addresses only: "xana@x.org" is someone else.
  const pattern = new RegExp(`(?<![\\w.+-])(${escaped.join('|')})(?![\\w-])`, 'gi');
  return text.replace(pattern, pair);
}

/** `"Ana via Program" <pair>`; the name loses characters that could break the header. */
function displayFrom(name: string, address: string): string {
  const clean = name
    .replace(/["\\<>\r\n\0]/g, '')
    .trim()
    .slice(0, 100);
  return clean ? `"${clean}" <${address}>` : address;
}
