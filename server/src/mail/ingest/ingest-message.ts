// Ingests a batch of raw messages of a program mailbox: parse (or quarantine), recognise our own mail,
// extract features, attribute, store metadata (body only on opt-in), handle bounces and relay.
// Batched because ingest must keep up with the IMAP fetch: one dedupe query, one parent lookup and one
// insert per batch; only mail with side effects (relay copies, bounces) gets its own transaction.
import { type ParsedGoal, parseGoals } from '@peerpost/shared';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { anyOf } from '../../db/any-of';
import type { Db, Tx } from '../../db/client';
import { insertJsonRows, insertJsonRowsSkipped } from '../../db/insert-json-rows';
import { messages, programs, quarantine } from '../../db/schema';
import { isPeerpostMessageId } from '../message-id';
import { relayMessage } from '../relay/relay';
import {
  type Attribution,
  AttributionCache,
  attribute,
  isProgramAddress,
  pairTokenOf,
  preloadReferences,
  preloadTokens,
} from './attribute';
import { recordBounce } from './bounces';
import { isAutoReply } from './features/auto-reply';
import { detectBounce } from './features/bounce';
import { collapsedLength, newText } from './features/new-text';
import { answersQuestion, countQuestions } from './features/questions';
import { oweFollowUp } from './follow-ups';
import {
  type ParsedMessage,
  type ParseOutcome,
  parsePlainMessage,
  parseWithMailparser,
} from './parse-message';

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
  // Any mail of a mailbox with one program is that program's, whoever it names.
  if (list.length < 2) return list[0];
  return list.find((p) => recipients.some((r) => isProgramAddress(r, p.address))) ?? list[0];
}

/** Quarantines messages with their reasons; a replay after a crash does not quarantine one twice. */
export async function quarantineAll(db: Db, held: { input: RawMessage; reason: string }[]): Promise<void> {
  if (!held.length) return;
  const placed = held.filter(({ input }) => input.uid != null && input.uidValidity != null);
  const already = new Set<string>();
  if (placed.length) {
    const rows = await db
      .select({ uidValidity: quarantine.uidValidity, uid: quarantine.uid })
      .from(quarantine)
      .where(
        and(
          eq(quarantine.mailboxKey, held[0]!.input.mailboxKey),
          inArray(
            quarantine.uid,
            placed.map(({ input }) => input.uid!),
          ),
        ),
      );
    for (const row of rows) already.add(`${row.uidValidity}:${row.uid}`);
  }
  const fresh = held.filter(({ input }) => !already.has(`${input.uidValidity}:${input.uid}`));
  if (!fresh.length) return;
  await db.insert(quarantine).values(
    fresh.map(({ input, reason }) => ({
      mailboxKey: input.mailboxKey,
      uidValidity: input.uidValidity ?? null,
      uid: input.uid ?? null,
      reason,
      raw: input.raw,
    })),
  );
}

export interface BatchResult {
  /** One outcome per input, in input order. */
  outcomes: IngestOutcome[];
  /** Matches with new engagement and the time of their latest such message: hooks run once per match. */
  engaged: Map<string, Date>;
  /** "Goal: …" lines members wrote in real messages, in message order (the text itself is not kept). */
  statedGoals: StatedGoals[];
  /** The `ingest_follow_ups` rows that record what the hooks owe for this batch (see follow-ups.ts). */
  followUps: number[];
}

export interface StatedGoals {
  matchId: string;
  fromAddress: string;
  goals: ParsedGoal[];
}

/**
 * What ingest keeps of a parsed message once its text has been read: not its header fields, and its text
 * only where the program stores bodies or relays. A batch waits for its lookups (and the previous batch's
 * writes) holding only this, so less of it outlives a young-generation collection.
 */
type KeptMail = Pick<
  ParsedMessage,
  'messageId' | 'inReplyTo' | 'references' | 'from' | 'to' | 'cc' | 'subject' | 'date' | 'text'
>;

interface Candidate {
  index: number;
  input: RawMessage;
  mail: KeptMail;
  recipients: string[];
  program: MailboxProgram;
  features: TextFeatures;
  /** "Goal: …" lines, kept for the hooks if the message turns out to be engagement. */
  goals: ParsedGoal[];
  /** Why reading the text failed: the message is quarantined unless it is a duplicate. */
  failure?: string;
}

type TextFeatures = ReturnType<typeof textFeatures>;
type Features = TextFeatures & { answersQuestion: boolean };

/** Messages parsed between two turns of the event loop. */
const yieldEvery = 200;

const key = (programId: string, messageId: string) => `${programId} ${messageId}`;

/** A message that queues mail (a relay copy, a bounce notice): stored in a transaction of its own. */
interface WithSideEffects {
  candidate: Candidate;
  features: Features;
  match: Attribution | null;
  relays: boolean;
}

/** What the hooks need of an attributed real message once it is stored: not its text. */
interface Engagement {
  index: number;
  sentAt: Date;
  fromAddress: string;
  goals: ParsedGoal[];
}

/**
 * A batch parsed, looked up and attributed, with nothing written yet (see `writeBatch`). It waits for
 * the previous batch's writes, so it keeps only rows and what the hooks need, not the parsed mail.
 */
export interface PreparedBatch {
  inputs: RawMessage[];
  outcomes: IngestOutcome[];
  held: { index: number; reason: string }[];
  engagements: Engagement[];
  plain: Pending[];
  withSideEffects: WithSideEffects[];
}

/** Parses and ingests a batch: `prepareBatch` then `writeBatch`. `cache`: one per sync. */
export async function ingestBatch(
  db: Db,
  mailboxPrograms: MailboxProgram[],
  inputs: RawMessage[],
  cache = new AttributionCache(),
): Promise<BatchResult> {
  return writeBatch(db, await prepareBatch(db, mailboxPrograms, inputs, cache));
}

/**
 * Everything up to the writes: parse (or hold for quarantine), dedupe, features, attribution. Reads only,
 * so a sync prepares the next batch while this one is written; `cache` carries this batch's messages
 * to the next one's dedupe, parent question counts and References.
 * Each step is a function of its own: V8 optimises (and after a deoptimisation, recompiles) each on its
 * own, where one long function took up to 100 ms to compile, several times over a process's first syncs.
 */
export async function prepareBatch(
  db: Db,
  mailboxPrograms: MailboxProgram[],
  inputs: RawMessage[],
  cache: AttributionCache,
): Promise<PreparedBatch> {
  const read = await readBatch(mailboxPrograms, inputs);
  cache.startBatch();
  const stored = await lookUpBatch(db, read.candidates, cache);
  const fresh = freshCandidates(read, stored, cache);
  const questionsOf = new Map(stored.map((r) => [key(r.programId, r.messageId), r.questionCount]));
  const placed = await attributeBatch(db, fresh, read.held, questionsOf, cache);
  return { inputs, outcomes: read.outcomes, held: read.held, ...placed };
}

/** A batch parsed: what is held for quarantine, what is settled already, the rest to look up. */
interface ReadBatch {
  outcomes: IngestOutcome[];
  held: { index: number; reason: string }[];
  candidates: Candidate[];
}

async function readBatch(mailboxPrograms: MailboxProgram[], inputs: RawMessage[]): Promise<ReadBatch> {
  const read: ReadBatch = { outcomes: new Array(inputs.length), held: [], candidates: [] };
  for (let index = 0; index < inputs.length; index++) {
    // Parsing a batch takes tens of milliseconds: now and then the event loop gets a turn, so the previous
    // batch's writes and the next batch's fetch go on meanwhile instead of waiting for the whole batch.
    if (index % yieldEvery === yieldEvery - 1) await new Promise((resolve) => setImmediate(resolve));
    const input = inputs[index]!;
    const parsed = parsePlainMessage(input.raw) ?? (await parseWithMailparser(input.raw));
    readParsed(read, mailboxPrograms, index, input, parsed);
  }
  return read;
}

function readParsed(
  read: ReadBatch,
  mailboxPrograms: MailboxProgram[],
  index: number,
  input: RawMessage,
  parsed: ParseOutcome,
): void {
  if (!parsed.ok) {
    read.held.push({ index, reason: parsed.reason });
    return;
  }
  const mail = parsed.message;
  const recipients = [...new Set([...mail.to, ...mail.cc, ...mail.deliveredTo])];
  const program = programFor(mailboxPrograms, recipients);
  if (!program) {
    read.held.push({ index, reason: 'no program uses this mailbox' });
    return;
  }
  // Mail the server sent itself (intro, prompts, nudges) comes back through the Cc: not engagement.
  if (isPeerpostMessageId(mail.messageId) && isProgramAddress(mail.from, program.address)) {
    read.outcomes[index] = { kind: 'own', messageId: mail.messageId };
    return;
  }
  read.candidates.push({
    index,
    input,
    mail: keptMail(mail, program),
    recipients,
    program,
    ...readText(mail),
  });
}

/**
 * Every lookup of the batch at once, each on its own pooled connection: which messages are stored
 * already (and the question counts of the parents replies quote), the pair tokens and the Message-IDs
 * the batch refers to. Duplicates are looked up too; that costs nothing and saves a round trip.
 */
async function lookUpBatch(db: Db, candidates: Candidate[], cache: AttributionCache) {
  const [stored] = await Promise.all([
    lookupMessages(
      db,
      candidates.flatMap((c) => [
        [c.program.id, c.mail.messageId] as [string, string],
        ...(c.mail.inReplyTo ? [[c.program.id, c.mail.inReplyTo] as [string, string]] : []),
      ]),
    ),
    ...[...new Set(candidates.map((c) => c.program))].map(async (program) => {
      const ofProgram = candidates.filter((c) => c.program === program);
      await Promise.all([
        preloadTokens(
          db,
          cache,
          program,
          ofProgram.flatMap((c) => c.recipients),
        ),
        preloadReferences(
          db,
          cache,
          program,
          ofProgram.flatMap((c) => referencedIds(c.mail)),
        ),
      ]);
    }),
  ]);
  return stored;
}

/** The candidates not stored yet (nor taken earlier in this batch or the previous one); the rest are duplicates. */
function freshCandidates(
  read: ReadBatch,
  stored: { programId: string; messageId: string }[],
  cache: AttributionCache,
): Candidate[] {
  const seen = new Set(stored.map((r) => key(r.programId, r.messageId)));
  return read.candidates.filter((c) => {
    const id = key(c.program.id, c.mail.messageId);
    // The previous batch's messages count as stored: their rows may still be on their way.
    if (!seen.has(id) && !cache.recentOf(id)) return seen.add(id);
    read.outcomes[c.index] = { kind: 'duplicate', messageId: c.mail.messageId };
    return false;
  });
}

/** What attribution makes of a batch's fresh candidates: rows, mail with side effects, engagement. */
type Placed = Pick<PreparedBatch, 'plain' | 'withSideEffects' | 'engagements'>;

/** Attributes the fresh candidates in order (a reply finds its parent taken just before it). */
async function attributeBatch(
  db: Db,
  fresh: Candidate[],
  held: { index: number; reason: string }[],
  questionsOf: Map<string, number>,
  cache: AttributionCache,
): Promise<Placed> {
  const placed: Placed = { plain: [], withSideEffects: [], engagements: [] };
  for (const candidate of fresh) {
    const { index, mail, program } = candidate;
    if (candidate.failure) {
      held.push({ index, reason: candidate.failure });
      continue;
    }
    try {
      const parentKey = key(program.id, mail.inReplyTo ?? '');
      const features = withAnswer(
        candidate.features,
        mail.inReplyTo,
        questionsOf.get(parentKey) ?? cache.recentOf(parentKey)?.questionCount ?? 0,
      );
      const match = await attribute(
        db,
        program,
        { from: mail.from, recipients: candidate.recipients, ids: referencedIds(mail) },
        cache,
      );
      place(placed, candidate, features, match, cache);
    } catch (error) {
      held.push({ index, reason: `ingest failed: ${String(error)}`.slice(0, 500) });
    }
  }
  return placed;
}

/** Files an attributed candidate as a plain row or as mail with side effects, and notes its engagement. */
function place(
  placed: Placed,
  candidate: Candidate,
  features: Features,
  match: Attribution | null,
  cache: AttributionCache,
): void {
  const { index, mail, program } = candidate;
  // A later message (in this batch or the next) may answer this one or refer to it.
  cache.recent.set(key(program.id, mail.messageId), { questionCount: features.questionCount, match });
  const relays =
    program.relayMode &&
    match !== null &&
    !features.bounce &&
    candidate.recipients.some((r) => pairTokenOf(r, program.address));
  if (relays || features.bounce?.failedRecipients.length)
    placed.withSideEffects.push({ candidate, features, match, relays });
  else placed.plain.push({ index, row: messageRow(candidate, features, match) });
  // Auto-replies and bounces are stored but are not engagement, so they do not trigger a recompute.
  if (match && !features.autoReply && !features.bounce)
    placed.engagements.push({
      index,
      sentAt: sentAtOf(candidate),
      fromAddress: mail.from,
      goals: candidate.goals,
    });
}

/** Stores a prepared batch: mail with side effects one transaction each, the rest in one insert. */
export async function writeBatch(db: Db, prepared: PreparedBatch): Promise<BatchResult> {
  const { inputs, outcomes, held, engagements } = prepared;
  const followUps: number[] = [];
  const engagementAt = new Map(engagements.map((e) => [e.index, e]));
  // What the hooks owe for the rows a transaction stored is written in that same transaction.
  const owe: Owe = (tx, stored) => oweFollowUp(tx, inputs[0]!.mailboxKey, engagedBy(engagementAt, stored));
  for (const { candidate, features, match, relays } of prepared.withSideEffects) {
    try {
      const stored = await storeWithSideEffects(db, candidate, features, match, relays, owe);
      outcomes[candidate.index] = stored.outcome;
      if (stored.followUp) followUps.push(stored.followUp);
    } catch (error) {
      held.push({ index: candidate.index, reason: `ingest failed: ${String(error)}`.slice(0, 500) });
    }
  }
  const inserted = await insertRows(db, prepared.plain, owe);
  followUps.push(...inserted.followUps);
  for (const { index, outcome } of inserted.results) {
    if (typeof outcome === 'string') held.push({ index, reason: outcome });
    else outcomes[index] = outcome;
  }

  await quarantineAll(
    db,
    held.map(({ index, reason }) => ({ input: inputs[index]!, reason })),
  );
  for (const { index, reason } of held) outcomes[index] = { kind: 'quarantined', reason };
  const all = outcomes.map((outcome, index) => ({ index, outcome }));
  return { outcomes, ...engagedBy(engagementAt, all), followUps };
}

/** The hooks' input: the engagements of `stored` whose message was stored with a match, in their order. */
function engagedBy(
  engagementAt: Map<number, Engagement>,
  stored: RowOutcome[],
): Pick<BatchResult, 'engaged' | 'statedGoals'> {
  const engaged = new Map<string, Date>();
  const statedGoals: StatedGoals[] = [];
  for (const { index, outcome } of stored) {
    const engagement = engagementAt.get(index);
    if (!engagement || typeof outcome !== 'object' || outcome.kind !== 'stored' || !outcome.matchId) continue;
    const { sentAt, fromAddress, goals } = engagement;
    const before = engaged.get(outcome.matchId);
    if (!before || before < sentAt) engaged.set(outcome.matchId, sentAt);
    if (goals.length) statedGoals.push({ matchId: outcome.matchId, fromAddress, goals });
  }
  return { engaged, statedGoals };
}

/** In-Reply-To first, then References: the Message-IDs attribution follows. */
const referencedIds = (mail: KeptMail) => [
  ...new Set([...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references]),
];

const sentAtOf = (c: Candidate) => c.mail.date ?? c.input.receivedAt ?? new Date();

function messageRow(
  c: Candidate,
  features: Features,
  match: Attribution | null,
): typeof messages.$inferInsert {
  const { mail, input, program } = c;
  return {
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
    sentAt: sentAtOf(c),
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
  };
}

type Pending = { index: number; row: typeof messages.$inferInsert };
type RowOutcome = { index: number; outcome: IngestOutcome | string };

type MessageRow = typeof messages.$inferInsert;
/** Whether a row of an insert was stored; a conflict skips a message already stored. */
type WasStored = (row: MessageRow) => boolean;

/** Row by row (after a refused batch): each insert says which of its rows it stored. */
async function insertReturningStored(db: Db | Tx, rows: MessageRow[]): Promise<WasStored> {
  const inserted = await db
    .insert(messages)
    .values(rows)
    .onConflictDoNothing()
    .returning({ programId: messages.programId, messageId: messages.messageId });
  const keys = new Set(inserted.map((r) => key(r.programId, r.messageId)));
  return (row) => keys.has(key(row.programId, row.messageId));
}

/**
 * The whole batch in one statement with one parameter (see insertJsonRows), all rows or none. A batch is
 * deduplicated before it is written, so only a race (the same message stored meanwhile) conflicts; an
 * insert without a conflict clause spares PostgreSQL a speculative search of every unique index per row.
 */
async function insertBatch(db: Db | Tx, rows: MessageRow[]): Promise<WasStored> {
  await insertJsonRows(db, messages, rows);
  return () => true;
}

/**
 * The whole batch, skipping rows a conflict refuses; only the keys of the skipped rows come back, not a
 * row per message (see insertJsonRowsSkipped).
 */
async function insertBatchSkippingKeys(db: Db | Tx, rows: MessageRow[]): Promise<WasStored> {
  const skipped = await insertJsonRowsSkipped(
    db,
    messages,
    rows,
    ['programId', 'messageId'],
    sql`on conflict do nothing`,
  );
  const keys = new Set(skipped.map((r) => key(String(r.programId), String(r.messageId))));
  return (row) => !keys.has(key(row.programId, row.messageId));
}

const insertedOutcome = ({ row }: Pending, inserted: boolean): IngestOutcome => {
  const { messageId } = row;
  return inserted
    ? { kind: 'stored', matchId: row.matchId ?? null, messageId }
    : { kind: 'duplicate', messageId };
};

/** Writes, in the transaction that stored them, what the hooks owe for stored rows; returns its row. */
type Owe = (tx: Tx, stored: RowOutcome[]) => Promise<number | undefined>;

/**
 * One insert for the batch (and its follow-up, in one transaction); after a conflict, one that skips the
 * rows stored meanwhile; if the database refuses that too, row by row so one bad row only quarantines
 * itself.
 */
async function insertRows(
  db: Db,
  pending: Pending[],
  owe: Owe,
): Promise<{ results: RowOutcome[]; followUps: number[] }> {
  const followUps: number[] = [];
  const inTransaction = (rows: Pending[], insert: typeof insertReturningStored) =>
    db.transaction(async (tx) => {
      const stored = await insert(
        tx,
        rows.map((p) => p.row),
      );
      const results = rows.map((p) => ({ index: p.index, outcome: insertedOutcome(p, stored(p.row)) }));
      return { results, followUp: await owe(tx, results) };
    });
  const settled = (written: { results: RowOutcome[]; followUp: number | undefined }) => {
    if (written.followUp) followUps.push(written.followUp);
    return written.results;
  };
  if (!pending.length) return { results: [], followUps };
  for (const insert of [insertBatch, insertBatchSkippingKeys]) {
    try {
      return { results: settled(await inTransaction(pending, insert)), followUps };
    } catch {
      // The next way, with the transaction of this one rolled back.
    }
  }
  const results: RowOutcome[] = [];
  for (const p of pending) {
    try {
      results.push(...settled(await inTransaction([p], insertReturningStored)));
    } catch (error) {
      results.push({ index: p.index, outcome: `ingest failed: ${String(error)}`.slice(0, 500) });
    }
  }
  return { results, followUps };
}

/** Relay copies and bounce notices are queued in the same transaction as the message row. */
async function storeWithSideEffects(
  db: Db,
  candidate: Candidate,
  features: Features,
  attributed: Attribution | null,
  relays: boolean,
  owe: Owe,
): Promise<{ outcome: IngestOutcome; followUp?: number | undefined }> {
  const { mail, program } = candidate;
  return db.transaction(async (tx) => {
    let match = attributed;
    if (relays && match) {
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
        at: sentAtOf(candidate),
      });
      // A refused non-member stays visible to coordinators as unmatched mail.
      if (relayed === 'refused') match = null;
    }
    const inserted = await tx
      .insert(messages)
      .values(messageRow(candidate, features, match))
      .onConflictDoNothing()
      .returning({ id: messages.id });
    if (!inserted.length) return { outcome: { kind: 'duplicate', messageId: mail.messageId } as const };
    if (features.bounce?.failedRecipients.length)
      await recordBounce(tx, program, features.bounce.failedRecipients);
    const outcome = { kind: 'stored', matchId: match?.matchId ?? null, messageId: mail.messageId } as const;
    return { outcome, followUp: await owe(tx, [{ index: candidate.index, outcome }]) };
  });
}

/** Stored messages of the given (program, Message-ID) pairs, in one query. */
async function lookupMessages(db: Db, pairs: [string, string][]) {
  if (!pairs.length) return [];
  const byProgram = new Map<string, string[]>();
  for (const [programId, messageId] of pairs) {
    const ids = byProgram.get(programId);
    if (ids) ids.push(messageId);
    else byProgram.set(programId, [messageId]);
  }
  return db
    .select({
      programId: messages.programId,
      messageId: messages.messageId,
      questionCount: messages.questionCount,
    })
    .from(messages)
    .where(
      or(
        ...[...byProgram].map(([programId, ids]) =>
          and(eq(messages.programId, programId), anyOf(messages.messageId, [...new Set(ids)])),
        ),
      ),
    );
}

/** The features read from the message alone; whether it answers a question also needs its parent. */
function textFeatures(mail: ParsedMessage) {
  const fresh = newText(mail.text);
  const questionCount = countQuestions(fresh);
  return {
    newTextChars: collapsedLength(fresh),
    questionCount,
    /** Questions in the quoted part of the text. */
    quotedQuestions: Math.max(0, countQuestions(mail.text) - questionCount),
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

/** Features and goals of a message, or why they could not be read (hostile text must not stop a batch). */
function readText(mail: ParsedMessage): Pick<Candidate, 'features' | 'goals' | 'failure'> {
  try {
    return { features: textFeatures(mail), goals: parseGoals(mail.text) };
  } catch (error) {
    const features = {
      newTextChars: 0,
      questionCount: 0,
      quotedQuestions: 0,
      autoReply: false,
      bounce: null,
    };
    return { features, goals: [], failure: `ingest failed: ${String(error)}`.slice(0, 500) };
  }
}

/** A reply that quotes no question answers one if its parent (by In-Reply-To) asked one. */
function withAnswer(features: TextFeatures, inReplyTo: string | null, parentQuestions: number): Features {
  const { newTextChars } = features;
  const quotedQuestions = !features.quotedQuestions && inReplyTo ? parentQuestions : features.quotedQuestions;
  return {
    ...features,
    answersQuestion: answersQuestion({ isReply: inReplyTo !== null, quotedQuestions, newTextChars }),
  };
}

function keptMail(mail: ParsedMessage, program: MailboxProgram): KeptMail {
  return {
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date,
    // Relayed mail is sent on with its text; stored bodies are kept.
    text: program.storeBodies || program.relayMode ? mail.text : '',
  };
}
