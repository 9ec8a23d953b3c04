// How far ingest is behind, per mailbox: for the metrics endpoint and `peerpost sync`.
import type { Db } from '../../db/client';
import { mailboxSync } from '../../db/schema';

export interface MailboxLag {
  mailboxKey: string;
  lastUid: number;
  lastSyncAt: Date | null;
  lastMessageAt: Date | null;
  /** Seconds since the last successful sync step (a checkpoint); null before the first sync. */
  lagSeconds: number | null;
  /**
   * Messages the server had above the checkpoint that were not ingested yet, as of the last checkpoint;
   * null when unknown (never synced). Mail that arrived since then is not counted until the next sync.
   */
  pendingMessages: number | null;
}

/** Lag of every mailbox that has been synced at least once, ordered by mailbox key. */
export async function mailboxLag(db: Db, now = new Date()): Promise<MailboxLag[]> {
  const rows = await db.select().from(mailboxSync).orderBy(mailboxSync.mailboxKey);
  return rows.map((row) => ({
    mailboxKey: row.mailboxKey,
    lastUid: row.lastUid,
    lastSyncAt: row.lastSyncAt,
    lastMessageAt: row.lastMessageAt,
    lagSeconds: row.lastSyncAt ? Math.max(0, (now.getTime() - row.lastSyncAt.getTime()) / 1000) : null,
    pendingMessages: row.lastSyncAt ? (row.pendingMessages ?? 0) : null,
  }));
}
