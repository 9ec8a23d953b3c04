// Continuous sync of one program mailbox: holds a database lease so only one process syncs it, fetches
// new mail, then waits on IDLE (imapflow polls where IDLE is missing) and reconnects with backoff.
import type { ImapFlow } from 'imapflow';
import type { Db } from '../../db/client';
import { releaseLease, tryAcquireLease } from '../../db/leases';
import type { Logger } from '../../logger';
import { connectImap, createImapClient, type ImapSettings } from './imap-client';
import { syncMailbox } from './mailbox-sync';

export interface SyncWorkerOptions {
  db: Db;
  mailboxKey: string;
  imap: ImapSettings;
  owner: string;
  logger: Logger;
  leaseTtlMs?: number;
  /** Re-check interval even without IDLE notifications (and lease renewal). */
  pollMs?: number;
  maxBackoffMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

export function leaseName(mailboxKey: string): string {
  return `mailbox-sync:${mailboxKey}`;
}

/** Starts the loop; the returned function stops it and releases the lease. */
export function startSyncWorker(options: SyncWorkerOptions): () => Promise<void> {
  const { db, mailboxKey, owner, logger } = options;
  const ttl = options.leaseTtlMs ?? 60_000;
  const pollMs = options.pollMs ?? Math.min(30_000, ttl / 3);
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  const stop = new AbortController();
  let client: ImapFlow | undefined;

  const session = async () => {
    client = createImapClient(options.imap);
    client.on('error', (error: Error) => logger.warn({ mailboxKey, err: error.message }, 'IMAP error'));
    await connectImap(client);
    const closed = new Promise<void>((resolve) => client!.once('close', () => resolve()));
    while (!stop.signal.aborted && client.usable) {
      if (!(await tryAcquireLease(db, leaseName(mailboxKey), owner, ttl))) break;
      const progress = await syncMailbox(client, { db, mailboxKey, logger });
      if (progress.fetched) logger.info({ mailboxKey, ...progress }, 'mailbox synced');
      // Wake on new mail (IDLE "EXISTS"), on the poll interval, on close or on stop.
      await new Promise<void>((resolve) => {
        const wake = () => {
          client?.off('exists', wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, pollMs);
        client!.on('exists', wake);
        closed.then(wake);
        stop.signal.addEventListener('abort', wake);
      });
    }
    await client.logout().catch(() => client?.close());
  };

  const loop = (async () => {
    let backoff = 1_000;
    while (!stop.signal.aborted) {
      if (!(await tryAcquireLease(db, leaseName(mailboxKey), owner, ttl).catch(() => false))) {
        await sleep(pollMs, stop.signal);
        continue;
      }
      try {
        await session();
        backoff = 1_000;
      } catch (error) {
        logger.warn(
          { mailboxKey, err: String(error), retryInMs: backoff },
          'mailbox sync failed; reconnecting',
        );
        client?.close();
        await sleep(backoff, stop.signal);
        backoff = Math.min(maxBackoff, backoff * 2);
      }
    }
  })();

  return async () => {
    stop.abort();
    client?.close();
    await loop;
    await releaseLease(db, leaseName(mailboxKey), owner).catch(() => {});
  };
}
