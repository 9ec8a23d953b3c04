// Fetches new messages of one program mailbox by UID since the stored checkpoint and ingests them.
// A changed UIDVALIDITY restarts from UID 1; Message-ID dedupe makes that resync count nothing twice.
import { eq, sql } from 'drizzle-orm';
import type { ImapFlow, SearchObject } from 'imapflow';
import type { Db } from '../../db/client';
import { mailboxSync } from '../../db/schema';
import type { Logger } from '../../logger';
import { AttributionCache } from './attribute';
import { deliveredAt } from './delivered-at';
import { fetchCollected } from './fetch-collected';
import { fetchSources } from './fetch-sources';
import { nothingOwed, runFollowUps, runOwedFollowUps } from './follow-ups';
import { mergeBatch } from './hooks';
import {
  type IngestOutcome,
  type PreparedBatch,
  prepareBatch,
  programsOfMailbox,
  type RawMessage,
  writeBatch,
} from './ingest-message';
import { uidSet, uidsOfSet } from './uid-set';

export interface SyncProgress {
  /** New messages the server reported when this sync started (UIDs above the checkpoint). */
  total: number;
  fetched: number;
  stored: number;
  duplicates: number;
  own: number;
  quarantined: number;
  unmatched: number;
  lastUid: number;
  uidValidity: number;
  resynced: boolean;
}

export interface SyncOptions {
  db: Db;
  mailboxKey: string;
  logger?: Logger;
  onProgress?: (progress: SyncProgress) => void;
  /**
   * Messages per batch (one fetch, one insert, one checkpoint); a crash replays at most this many,
   * deduplicated. Each insert costs PostgreSQL a statement's worth of triggers and lookups, so a backlog
   * goes faster in fewer, larger batches. Batches also stop at `batchBytes`, so memory stays bounded
   * whatever the mail size.
   */
  checkpointEvery?: number;
  batchBytes?: number;
  /**
   * Hooks (health recompute) run for the matches engaged since their last run, at most this often
   * during a long sync and always at its end: a backlog then costs one recompute per pair, not per batch.
   */
  hookEveryMs?: number;
}

const emptyProgress = (): SyncProgress => ({
  total: 0,
  fetched: 0,
  stored: 0,
  duplicates: 0,
  own: 0,
  quarantined: 0,
  unmatched: 0,
  lastUid: 0,
  uidValidity: 0,
  resynced: false,
});

async function saveCheckpoint(db: Db, key: string, progress: SyncProgress, messageAt?: Date) {
  const { uidValidity, lastUid } = progress;
  const pendingMessages = Math.max(0, progress.total - progress.fetched);
  await db
    .insert(mailboxSync)
    .values({
      mailboxKey: key,
      uidValidity,
      lastUid,
      lastSyncAt: new Date(),
      lastMessageAt: messageAt ?? null,
      pendingMessages,
    })
    .onConflictDoUpdate({
      target: mailboxSync.mailboxKey,
      set: {
        uidValidity,
        lastUid,
        lastSyncAt: new Date(),
        lastMessageAt: messageAt ? messageAt : sql`${mailboxSync.lastMessageAt}`,
        pendingMessages,
      },
    });
}

function count(progress: SyncProgress, outcome: IngestOutcome) {
  if (outcome.kind === 'stored') {
    progress.stored++;
    if (!outcome.matchId) progress.unmatched++;
  } else if (outcome.kind === 'duplicate') progress.duplicates++;
  else if (outcome.kind === 'own') progress.own++;
  else progress.quarantined++;
}

/**
 * Splits UIDs (with sizes) into batches of at most `count` messages and about `bytes` bytes. With `first`
 * below `count`, batches taper at both ends: the first holds at most `first` messages and each next one up
 * to twice as many, so the pipeline fills after a short fetch; near the end each takes about half of what
 * is left, so little is still to be written once the last fetch is done.
 */
export function planBatches(
  sized: { uid: number; size: number }[],
  count: number,
  bytes: number,
  first = count,
): number[][] {
  const smallest = Math.max(1, Math.min(first, count));
  let rampUp = smallest;
  const limitAt = (start: number) => {
    const left = sized.length - start;
    return Math.min(rampUp, left <= 2 * smallest ? left : Math.max(smallest, Math.ceil(left / 2)));
  };
  const batches: number[][] = [];
  let current: number[] = [];
  let total = 0;
  let limit = limitAt(0);
  for (const [index, { uid, size }] of sized.entries()) {
    if (current.length && (current.length >= limit || total + size > bytes)) {
      batches.push(current);
      current = [];
      total = 0;
      rampUp = Math.min(count, rampUp * 2);
      limit = limitAt(index);
    }
    current.push(uid);
    total += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * UIDs matching `query`. Where the server has ESEARCH (RFC 4731) the answer is a compact set ("1:10000")
 * instead of every UID in one line, which a backlog of thousands costs both sides to write and read.
 */
async function searchUids(client: ImapFlow, query: SearchObject): Promise<number[]> {
  const found = await client.search(query, { uid: true, returnOptions: ['ALL'] });
  if (!found) return [];
  if (Array.isArray(found)) return found;
  return found.all ? uidsOfSet(found.all) : [];
}

/**
 * UIDs above `lastUid`, with a size bound for batching. SEARCH answers in one line where a FETCH of
 * sizes answers a line per message: messages up to `small` bytes are counted as `small`, and only the
 * larger ones (rare) have their exact size fetched.
 */
async function newMessages(client: ImapFlow, lastUid: number, small: number) {
  const mailbox = client.mailbox;
  if (mailbox === false || !mailbox.exists) return [];
  const range = `${lastUid + 1}:*`;
  // "N:*" always includes the highest message, even when it is below N.
  const above = (uids: number[]) => uids.filter((uid) => uid > lastUid);
  const uids = above(await searchUids(client, { uid: range }));
  const large = new Map<number, number>();
  const larger = uids.length ? above(await searchUids(client, { uid: range, larger: small })) : [];
  if (larger.length) {
    const set = uidSet(larger.sort((a, b) => a - b));
    for (const m of await fetchCollected(client, set, { uid: true, size: true }))
      large.set(m.uid, Math.max(small, m.size ?? 0));
  }
  return uids.sort((a, b) => a - b).map((uid) => ({ uid, size: large.get(uid) ?? small }));
}

/** Syncs INBOX of an open, authenticated client once. */
export async function syncMailbox(client: ImapFlow, options: SyncOptions): Promise<SyncProgress> {
  const { db, mailboxKey, logger } = options;
  const every = options.checkpointEvery ?? 2000;
  const batchBytes = options.batchBytes ?? 16 * 1024 * 1024;
  const progress = emptyProgress();
  let hooksRunning: Promise<void> | undefined;
  // First what an earlier sync left owed (it failed, or its process died before its hooks ran).
  await runOwedFollowUps(db, mailboxKey, logger);
  const programList = await programsOfMailbox(db, mailboxKey);
  const lock = await client.getMailboxLock('INBOX');
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error('INBOX is not selected');
    const uidValidity = Number(mailbox.uidValidity);
    const [state] = await db.select().from(mailboxSync).where(eq(mailboxSync.mailboxKey, mailboxKey));
    let lastUid = state?.lastUid ?? 0;
    if (state?.uidValidity != null && state.uidValidity !== uidValidity) {
      logger?.warn(
        { mailboxKey, from: state.uidValidity, to: uidValidity },
        'UIDVALIDITY changed: resyncing',
      );
      progress.resynced = true;
      lastUid = 0;
    }
    progress.uidValidity = uidValidity;
    progress.lastUid = lastUid;
    const sized = await newMessages(client, lastUid, Math.floor(batchBytes / every));
    progress.total = sized.length;
    if (!sized.length) {
      await saveCheckpoint(db, mailboxKey, progress);
      return progress;
    }
    const fetchBatch = async (uids: number[]): Promise<RawMessage[]> => {
      const batch: RawMessage[] = [];
      for (const { uid, source: raw } of await fetchSources(client, uids)) {
        batch.push({
          raw,
          mailboxKey,
          uidValidity,
          uid,
          receivedAt: deliveredAt(raw) ?? undefined,
        });
      }
      // Mail placed without a Received field on top (an IMAP APPEND, another tool): the server's date.
      const undated = new Map(batch.filter((m) => !m.receivedAt).map((m) => [m.uid!, m]));
      if (undated.size) {
        const set = uidSet([...undated.keys()].sort((a, b) => a - b));
        for (const fetched of await fetchCollected(client, set, { uid: true, internalDate: true })) {
          const message = undated.get(fetched.uid);
          if (message && fetched.internalDate) message.receivedAt = new Date(fetched.internalDate);
        }
      }
      return batch.sort((a, b) => a.uid! - b.uid!);
    };
    const batches = planBatches(sized, every, batchBytes, Math.ceil(every / 8));
    const hookEveryMs = options.hookEveryMs ?? 2000;
    const cache = new AttributionCache();
    let sinceHooks = nothingOwed();
    let hooksRanAt = performance.now();
    // Hooks run beside the next batches (on other pooled connections), one run at a time; what is
    // engaged meanwhile waits for the next run.
    const startHooks = () => {
      const due = sinceHooks;
      sinceHooks = nothingOwed();
      hooksRanAt = performance.now();
      hooksRunning = runFollowUps(db, logger, due).finally(() => {
        hooksRunning = undefined;
      });
    };
    // Writes a prepared batch, then moves the checkpoint past it: never past a batch not written.
    const write = async (prepared: PreparedBatch, lastPlanned: number) => {
      const { outcomes, engaged, statedGoals, followUps } = await writeBatch(db, prepared);
      for (const outcome of outcomes) count(progress, outcome);
      progress.fetched += prepared.inputs.length;
      // Up to the last planned UID: one expunged meanwhile is simply gone.
      progress.lastUid = lastPlanned;
      await saveCheckpoint(db, mailboxKey, progress, prepared.inputs.at(-1)?.receivedAt);
      mergeBatch(sinceHooks, { engaged, statedGoals });
      sinceHooks.followUps.push(...followUps);
      if (!hooksRunning && performance.now() - hooksRanAt >= hookEveryMs) startHooks();
      options.onProgress?.({ ...progress });
    };
    // A pipeline three batches deep: batch i+1 is fetched and batch i prepared (parsed, looked up,
    // attributed) while batch i-1 is written. At most three batches are in memory, and the checkpoint
    // only ever covers written batches, so a crash or a cut connection loses nothing (a replay dedupes).
    let next: Promise<RawMessage[]> | undefined = fetchBatch(batches[0]!);
    let writing: Promise<void> | undefined;
    try {
      for (let i = 0; next; i++) {
        const batch = await next;
        next = i + 1 < batches.length ? fetchBatch(batches[i + 1]!) : undefined;
        // A failed prefetch surfaces when awaited; until then it must not count as unhandled.
        next?.catch(() => {});
        const prepared = await prepareBatch(db, programList, batch, cache);
        await writing;
        writing = write(prepared, batches[i]!.at(-1)!);
        writing.catch(() => {});
      }
    } finally {
      // Whatever went wrong, the batch being written finishes (and checkpoints) first.
      await writing;
    }
    // Always at the end: whatever the last run did not cover.
    await hooksRunning;
    startHooks();
    await hooksRunning;
    return progress;
  } finally {
    lock.release();
    await hooksRunning;
  }
}
