// Fetches new messages of one program mailbox by UID since the stored checkpoint and ingests them.
// A changed UIDVALIDITY restarts from UID 1; Message-ID dedupe makes that resync count nothing twice.
import { eq, sql } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../db/client';
import { mailboxSync } from '../../db/schema';
import type { Logger } from '../../logger';
import { type IngestedMessage, onMessageIngested } from './hooks';
import { type IngestOutcome, ingestMessage, programsOfMailbox, quarantineRaw } from './ingest-message';

export interface SyncProgress {
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
  /** How many messages between checkpoint writes; a crash replays at most this many (deduplicated). */
  checkpointEvery?: number;
}

const emptyProgress = (): SyncProgress => ({
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

async function saveCheckpoint(db: Db, key: string, uidValidity: number, lastUid: number, messageAt?: Date) {
  await db
    .insert(mailboxSync)
    .values({
      mailboxKey: key,
      uidValidity,
      lastUid,
      lastSyncAt: new Date(),
      lastMessageAt: messageAt ?? null,
    })
    .onConflictDoUpdate({
      target: mailboxSync.mailboxKey,
      set: {
        uidValidity,
        lastUid,
        lastSyncAt: new Date(),
        lastMessageAt: messageAt ? messageAt : sql`${mailboxSync.lastMessageAt}`,
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

/** Runs the hooks; a failing hook is logged and never stops ingest. */
async function runHooks(
  db: Db,
  logger: Logger | undefined,
  matchId: string,
  at: Date,
  message: IngestedMessage,
) {
  for (const hook of onMessageIngested) {
    try {
      await hook(db, matchId, at, message);
    } catch (error) {
      logger?.warn({ err: error, matchId }, 'message-ingested hook failed');
    }
  }
}

/** Syncs INBOX of an open, authenticated client once. */
export async function syncMailbox(client: ImapFlow, options: SyncOptions): Promise<SyncProgress> {
  const { db, mailboxKey, logger } = options;
  const every = options.checkpointEvery ?? 100;
  const progress = emptyProgress();
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
    if (mailbox.exists === 0 || (mailbox.uidNext !== undefined && mailbox.uidNext <= lastUid + 1)) {
      await saveCheckpoint(db, mailboxKey, uidValidity, lastUid);
      return progress;
    }
    let lastAt: Date | undefined;
    let sinceCheckpoint = 0;
    for await (const fetched of client.fetch(
      `${lastUid + 1}:*`,
      { uid: true, source: true, internalDate: true },
      { uid: true },
    )) {
      // "N:*" always returns the highest message, even when it is below N.
      if (fetched.uid <= lastUid) continue;
      const receivedAt = fetched.internalDate ? new Date(fetched.internalDate) : new Date();
      const input = {
        raw: fetched.source ?? Buffer.alloc(0),
        mailboxKey,
        uidValidity,
        uid: fetched.uid,
        receivedAt,
      };
      let outcome: IngestOutcome;
      try {
        outcome = await ingestMessage(db, programList, input, (matchId, at, message) =>
          runHooks(db, logger, matchId, at, message),
        );
      } catch (error) {
        // Anything unexpected about one message quarantines it with the reason; the sync goes on.
        logger?.error({ err: error, mailboxKey, uid: fetched.uid }, 'ingest failed; message quarantined');
        outcome = await quarantineRaw(db, input, `ingest failed: ${String(error)}`.slice(0, 500));
      }
      count(progress, outcome);
      progress.fetched++;
      progress.lastUid = lastUid = fetched.uid;
      lastAt = receivedAt;
      if (++sinceCheckpoint >= every) {
        sinceCheckpoint = 0;
        await saveCheckpoint(db, mailboxKey, uidValidity, lastUid, lastAt);
        options.onProgress?.({ ...progress });
      }
    }
    await saveCheckpoint(db, mailboxKey, uidValidity, lastUid, lastAt);
    options.onProgress?.({ ...progress });
    return progress;
  } finally {
    lock.release();
  }
}

export interface MailboxLag {
  mailboxKey: string;
  lastUid: number;
  lastSyncAt: Date | null;
  lastMessageAt: Date | null;
  /** Seconds since the last completed sync step; null before the first sync. */
  lagSeconds: number | null;
}

/** Lag per mailbox, for the metrics endpoint and `peerpost sync`. */
export async function mailboxLag(db: Db, now = new Date()): Promise<MailboxLag[]> {
  const rows = await db.select().from(mailboxSync).orderBy(mailboxSync.mailboxKey);
  return rows.map((row) => ({
    mailboxKey: row.mailboxKey,
    lastUid: row.lastUid,
    lastSyncAt: row.lastSyncAt,
    lastMessageAt: row.lastMessageAt,
    lagSeconds: row.lastSyncAt ? Math.max(0, (now.getTime() - row.lastSyncAt.getTime()) / 1000) : null,
  }));
}
