// Attributes an incoming message to a pair/group, in this order: the plus-address token in any
// recipient, then References/In-Reply-To naming one of our Message-IDs, then the exact participant set
// of an active match. Unattributed mail stays in the program with match_id null (the "unmatched" list).
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { matches, matchMembers, messages, outboxJobs, threads, users } from '../../db/schema';

export type Attribution = {
  matchId: string;
  threadId: string | null;
  how: 'plus' | 'references' | 'participants';
};

export interface ProgramAddress {
  id: string;
  address: string;
}

/** `local+p-<token>@domain` of the program's address → token. */
export function pairTokenOf(address: string, programAddress: string): string | null {
  const [local, domain] = programAddress.toLowerCase().split('@');
  const match = /^([^@+]+)\+p-([a-z0-9_-]+)@(.+)$/i.exec(address.toLowerCase());
  if (!match || match[1] !== local || match[3] !== domain) return null;
  return match[2] ?? null;
}

export function pairAddress(programAddress: string, token: string): string {
  const [local, domain] = programAddress.split('@');
  return `${local}+p-${token}@${domain}`;
}

/** The program's own addresses (base and any plus-address) are not participants. */
export function isProgramAddress(address: string, programAddress: string): boolean {
  const [local, domain] = programAddress.toLowerCase().split('@');
  const [addrLocal, addrDomain] = address.toLowerCase().split('@');
  return addrDomain === domain && (addrLocal === local || addrLocal?.startsWith(`${local}+`) === true);
}

export async function attribute(
  db: Db | Tx,
  program: ProgramAddress,
  mail: { from: string; recipients: string[]; ids: string[] },
): Promise<Attribution | null> {
  for (const recipient of mail.recipients) {
    const token = pairTokenOf(recipient, program.address);
    if (!token) continue;
    const [found] = await db
      .select({ id: matches.id })
      .from(matches)
      .where(and(eq(matches.token, token), eq(matches.programId, program.id)));
    if (found) return { matchId: found.id, threadId: await threadOf(db, found.id), how: 'plus' };
  }
  if (mail.ids.length) {
    const byReference = await matchByReferences(db, program, mail.ids);
    if (byReference) return { ...byReference, how: 'references' };
  }
  const byParticipants = await matchByParticipants(db, program, [mail.from, ...mail.recipients]);
  return byParticipants
    ? { matchId: byParticipants, threadId: await threadOf(db, byParticipants), how: 'participants' }
    : null;
}

async function threadOf(db: Db | Tx, matchId: string): Promise<string | null> {
  const [thread] = await db
    .select({ id: threads.id })
    .from(threads)
    .where(eq(threads.matchId, matchId))
    .limit(1);
  return thread?.id ?? null;
}

async function matchByReferences(db: Db | Tx, program: ProgramAddress, ids: string[]) {
  const [thread] = await db
    .select({ matchId: threads.matchId, threadId: threads.id })
    .from(threads)
    .innerJoin(matches, eq(matches.id, threads.matchId))
    .where(and(inArray(threads.rootMessageId, ids), eq(matches.programId, program.id)))
    .limit(1);
  if (thread) return thread;
  const [stored] = await db
    .select({ matchId: messages.matchId, threadId: messages.threadId })
    .from(messages)
    .where(
      and(eq(messages.programId, program.id), inArray(messages.messageId, ids), isNotNull(messages.matchId)),
    )
    .limit(1);
  if (stored?.matchId) return { matchId: stored.matchId, threadId: stored.threadId };
  // Mail the server sent for a pair carries the pair address as Reply-To.
  const sent = await db
    .select({ replyTo: outboxJobs.replyTo })
    .from(outboxJobs)
    .where(and(inArray(outboxJobs.messageId, ids), eq(outboxJobs.programId, program.id)));
  for (const job of sent) {
    const token = job.replyTo ? pairTokenOf(job.replyTo, program.address) : null;
    if (!token) continue;
    const [found] = await db
      .select({ id: matches.id })
      .from(matches)
      .where(and(eq(matches.token, token), eq(matches.programId, program.id)));
    if (found) return { matchId: found.id, threadId: await threadOf(db, found.id) };
  }
  return null;
}

async function matchByParticipants(db: Db | Tx, program: ProgramAddress, addresses: string[]) {
  const people = [...new Set(addresses.filter((a) => !isProgramAddress(a, program.address)))].sort();
  if (people.length < 2) return null;
  const rows = await db
    .select({ matchId: matchMembers.matchId, email: users.email })
    .from(matchMembers)
    .innerJoin(users, eq(users.id, matchMembers.userId))
    .innerJoin(matches, eq(matches.id, matchMembers.matchId))
    .where(and(eq(matches.programId, program.id), eq(matches.status, 'active'), isNull(matchMembers.leftAt)));
  const byMatch = new Map<string, string[]>();
  for (const row of rows)
    byMatch.set(row.matchId, [...(byMatch.get(row.matchId) ?? []), row.email.toLowerCase()]);
  const key = people.join(',');
  const found = [...byMatch].filter(([, emails]) => emails.sort().join(',') === key);
  // Two active matches with the same people would be ambiguous: leave it to a coordinator.
  return found.length === 1 ? found[0]![0] : null;
}
