// Attributes an incoming message to a pair/group, in this order: the plus-address token in any
// recipient, then References/In-Reply-To naming one of our Message-IDs, then the exact participant set
// of an active match. Unattributed mail stays in the program with match_id null (the "unmatched" list).
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { anyOf } from '../../db/any-of';
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

/**
 * Lower-case local part and domain of a program address. Ingest asks several times per recipient of every
 * message about the same few program addresses, so they are split once.
 */
const programAddressParts = new Map<string, [string | undefined, string | undefined]>();
function partsOf(programAddress: string) {
  let parts = programAddressParts.get(programAddress);
  if (!parts) {
    const [local, domain] = programAddress.toLowerCase().split('@');
    parts = [local, domain];
    if (programAddressParts.size >= 1000) programAddressParts.clear();
    programAddressParts.set(programAddress, parts);
  }
  return parts;
}

/** `local+p-<token>@domain` of the program's address → token. */
export function pairTokenOf(address: string, programAddress: string): string | null {
  // Most recipients are people and the program's own address: no plus, nothing to match.
  if (!address.includes('+')) return null;
  const [local, domain] = partsOf(programAddress);
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
  const [local, domain] = partsOf(programAddress);
  const [addrLocal, addrDomain] = address.toLowerCase().split('@');
  return addrDomain === domain && (addrLocal === local || addrLocal?.startsWith(`${local}+`) === true);
}

type MatchRef = { matchId: string; threadId: string | null };

/** A message of this batch or the previous one, which the database may not have yet. */
export interface RecentMessage {
  questionCount: number;
  match: MatchRef | null;
}

/**
 * Lookups for a sync, so a batch of pair mail costs a handful of queries instead of several per message.
 * Found tokens and threads are kept for the whole sync (they never change); misses and the participant
 * sets are forgotten at every batch, so a pair created meanwhile is found from the next batch on.
 */
export class AttributionCache {
  readonly tokens = new Map<string, { matchId: string; threadId: string | null } | null>();
  readonly threads = new Map<string, string | null>();
  readonly participantSets = new Map<string, Promise<Map<string, string | null>>>();
  /**
   * `<program> <Message-ID>` of the messages taken in this batch. The previous batch's are kept too: a sync
   * prepares a batch while the previous one is still being written, so its lookups may not see those rows.
   */
  recent = new Map<string, RecentMessage>();
  private previous = new Map<string, RecentMessage>();
  /** What the batch's References/In-Reply-To name, looked up for the whole batch by `preloadReferences`. */
  readonly references = new Map<string, ReferencedBy>();

  recentOf(key: string): RecentMessage | undefined {
    return this.recent.get(key) ?? this.previous.get(key);
  }

  startBatch(): void {
    for (const [key, value] of this.tokens) if (!value) this.tokens.delete(key);
    for (const [key, value] of this.threads) if (!value) this.threads.delete(key);
    this.participantSets.clear();
    this.previous = this.recent;
    this.recent = new Map();
    this.references.clear();
  }
}

/** For one `<program> <Message-ID>`: the thread it starts, the stored message, our sent mail's Reply-To. */
interface ReferencedBy {
  root?: MatchRef;
  stored?: MatchRef;
  replyTo: string[];
}

/**
 * Looks up every Message-ID the batch's mail refers to in three queries (thread roots, stored
 * messages, our sent mail), so `attribute` needs no query per message; pair tokens of our sent mail
 * are preloaded too.
 */
export async function preloadReferences(
  db: Db | Tx,
  cache: AttributionCache,
  program: ProgramAddress,
  ids: string[],
): Promise<void> {
  const wanted = [...new Set(ids)].filter((id) => !cache.references.has(`${program.id} ${id}`));
  if (!wanted.length) return;
  const entry = (id: string) => cache.references.get(`${program.id} ${id}`)!;
  for (const id of wanted) cache.references.set(`${program.id} ${id}`, { replyTo: [] });
  // Independent lookups: each runs on its own pooled connection.
  const [roots, stored, sent] = await Promise.all([
    db
      .select({ id: threads.rootMessageId, matchId: threads.matchId, threadId: threads.id })
      .from(threads)
      .innerJoin(matches, eq(matches.id, threads.matchId))
      .where(and(anyOf(threads.rootMessageId, wanted), eq(matches.programId, program.id))),
    db
      .select({ id: messages.messageId, matchId: messages.matchId, threadId: messages.threadId })
      .from(messages)
      .where(
        and(
          eq(messages.programId, program.id),
          anyOf(messages.messageId, wanted),
          isNotNull(messages.matchId),
        ),
      ),
    db
      .select({ id: outboxJobs.messageId, replyTo: outboxJobs.replyTo })
      .from(outboxJobs)
      .where(and(anyOf(outboxJobs.messageId, wanted), eq(outboxJobs.programId, program.id))),
  ]);
  for (const row of roots) entry(row.id).root ??= { matchId: row.matchId, threadId: row.threadId };
  for (const row of stored)
    if (row.matchId) entry(row.id).stored ??= { matchId: row.matchId, threadId: row.threadId };
  for (const row of sent) if (row.id && row.replyTo) entry(row.id).replyTo.push(row.replyTo);
  await preloadTokens(
    db,
    cache,
    program,
    sent.flatMap((row) => (row.replyTo ? [row.replyTo] : [])),
  );
}

/** Looks up every new pair token of a batch (and its thread) in one query. */
export async function preloadTokens(
  db: Db | Tx,
  cache: AttributionCache,
  program: ProgramAddress,
  recipients: string[],
): Promise<void> {
  const wanted = [
    ...new Set(recipients.map((r) => pairTokenOf(r, program.address)).filter((t): t is string => !!t)),
  ].filter((token) => !cache.tokens.has(`${program.id} ${token}`));
  if (!wanted.length) return;
  const rows = await db
    .select({ matchId: matches.id, token: matches.token, threadId: threads.id })
    .from(matches)
    .leftJoin(threads, eq(threads.matchId, matches.id))
    .where(and(eq(matches.programId, program.id), anyOf(matches.token, wanted)));
  for (const token of wanted) cache.tokens.set(`${program.id} ${token}`, null);
  for (const row of rows) {
    const key = `${program.id} ${row.token}`;
    if (!cache.tokens.get(key)) cache.tokens.set(key, { matchId: row.matchId, threadId: row.threadId });
    if (!cache.threads.get(row.matchId)) cache.threads.set(row.matchId, row.threadId);
  }
}

export async function attribute(
  db: Db | Tx,
  program: ProgramAddress,
  mail: { from: string; recipients: string[]; ids: string[] },
  cache = new AttributionCache(),
): Promise<Attribution | null> {
  for (const recipient of mail.recipients) {
    const token = pairTokenOf(recipient, program.address);
    if (!token) continue;
    const key = `${program.id} ${token}`;
    if (!cache.tokens.has(key)) {
      const [found] = await db
        .select({ id: matches.id })
        .from(matches)
        .where(and(eq(matches.token, token), eq(matches.programId, program.id)));
      cache.tokens.set(
        key,
        found ? { matchId: found.id, threadId: await threadOf(db, found.id, cache) } : null,
      );
    }
    const found = cache.tokens.get(key);
    if (found) return { ...found, how: 'plus' };
  }
  if (mail.ids.length) {
    const byReference = await matchByReferences(db, program, mail.ids, cache);
    if (byReference) return { ...byReference, how: 'references' };
  }
  const byParticipants = await matchByParticipants(db, program, [mail.from, ...mail.recipients], cache);
  return byParticipants
    ? { matchId: byParticipants, threadId: await threadOf(db, byParticipants, cache), how: 'participants' }
    : null;
}

async function threadOf(db: Db | Tx, matchId: string, cache: AttributionCache): Promise<string | null> {
  if (!cache.threads.has(matchId)) {
    const [thread] = await db
      .select({ id: threads.id })
      .from(threads)
      .where(eq(threads.matchId, matchId))
      .limit(1);
    cache.threads.set(matchId, thread?.id ?? null);
  }
  return cache.threads.get(matchId) ?? null;
}

async function matchByReferences(
  db: Db | Tx,
  program: ProgramAddress,
  ids: string[],
  cache: AttributionCache,
) {
  for (const id of ids) {
    const earlier = cache.recentOf(`${program.id} ${id}`)?.match;
    if (earlier) return earlier;
  }
  const preloaded = ids.map((id) => cache.references.get(`${program.id} ${id}`));
  if (preloaded.every((found) => found !== undefined)) return preloadedMatch(program, preloaded, cache);
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
    if (found) return { matchId: found.id, threadId: await threadOf(db, found.id, cache) };
  }
  return null;
}

/** The same order as the queries below: a thread root, a stored message, then our sent mail's pair. */
function preloadedMatch(program: ProgramAddress, found: ReferencedBy[], cache: AttributionCache) {
  const hit = found.find((f) => f.root)?.root ?? found.find((f) => f.stored)?.stored;
  if (hit) return hit;
  for (const replyTo of found.flatMap((f) => f.replyTo)) {
    const token = pairTokenOf(replyTo, program.address);
    const pair = token ? cache.tokens.get(`${program.id} ${token}`) : null;
    if (pair) return pair;
  }
  return null;
}

async function matchByParticipants(
  db: Db | Tx,
  program: ProgramAddress,
  addresses: string[],
  cache: AttributionCache,
) {
  const people = [...new Set(addresses.filter((a) => !isProgramAddress(a, program.address)))].sort();
  if (people.length < 2) return null;
  let sets = cache.participantSets.get(program.id);
  if (!sets) {
    sets = participantSetsOf(db, program);
    cache.participantSets.set(program.id, sets);
  }
  return (await sets).get(people.join(',')) ?? null;
}

/** Sorted member addresses of every active match → its id (null when two matches share the set). */
async function participantSetsOf(db: Db | Tx, program: ProgramAddress) {
  const rows = await db
    .select({ matchId: matchMembers.matchId, email: users.email })
    .from(matchMembers)
    .innerJoin(users, eq(users.id, matchMembers.userId))
    .innerJoin(matches, eq(matches.id, matchMembers.matchId))
    .where(and(eq(matches.programId, program.id), eq(matches.status, 'active'), isNull(matchMembers.leftAt)));
  const byMatch = new Map<string, string[]>();
  for (const row of rows)
    byMatch.set(row.matchId, [...(byMatch.get(row.matchId) ?? []), row.email.toLowerCase()]);
  const sets = new Map<string, string | null>();
  for (const [matchId, emails] of byMatch) {
    const key = emails.sort().join(',');
    // Two active matches with the same people would be ambiguous: leave it to a coordinator.
    sets.set(key, sets.has(key) ? null : matchId);
  }
  return sets;
}
