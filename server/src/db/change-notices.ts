// Follows the database's change notices (migration 0004: NOTIFY peerpost_context after each commit that
// changes what the sidebar context or a caller's access shows), so in-memory caches know when a value
// they hold went stale: every cached value carries the stamp it was built under and is served only while
// that stamp is still current. Notices come from any process writing to the database.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, isPgliteClient, listen, type Unlisten } from './client';

export const CHANGE_CHANNEL = 'peerpost_context';
/** Matches tracked one by one; beyond this the map is emptied and everything counts as changed. */
const MAX_TRACKED_MATCHES = 100_000;
/** A sync notice that does not come back this quickly means the subscription cannot be trusted. */
const SYNC_TIMEOUT_MS = 2_000;
const RESUBSCRIBE_MS = 1_000;

/** Versions seen when a cached value was built: global, and the one match it shows (if any). */
export interface Stamp {
  global: number;
  match: number;
}

export class ChangeNotices {
  private global = 0;
  private readonly matches = new Map<string, number>();
  private subscribed = false;
  private closed = false;
  private unlisten?: Unlisten;
  private readonly syncId = randomUUID();
  private syncSeq = 0;
  private readonly syncWaiters = new Map<string, () => void>();
  private syncInFlight?: Promise<boolean>;
  private syncQueued?: Promise<boolean>;
  /** Settles once the first subscription attempt is over. */
  started: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    /** PGlite delivers a commit's notices before the writer resumes: no round trip needed to catch up. */
    private readonly inProcess: boolean,
  ) {}

  /** Starts the subscription; until it runs (and after it drops) nothing may be served from memory. */
  async start(): Promise<void> {
    const subscription = listen(
      this.db,
      CHANGE_CHANNEL,
      (payload) => this.receive(payload),
      () => this.lost(),
    );
    if (!subscription) return;
    try {
      this.unlisten = await subscription;
    } catch {
      this.lost();
      return;
    }
    if (this.closed) {
      await this.unlisten();
      return;
    }
    // Whatever changed before the subscription started is unknown: start from a fresh global version.
    this.global++;
    this.subscribed = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribed = false;
    await this.unlisten?.();
  }

  stamp(matchId?: string): Stamp {
    return { global: this.global, match: matchId ? (this.matches.get(matchId) ?? 0) : 0 };
  }

  isCurrent(stamp: Stamp, matchId?: string): boolean {
    const now = this.stamp(matchId);
    return now.global === stamp.global && now.match === stamp.match;
  }

  /**
   * Resolves true once every change committed before this call has been seen (then a value whose stamp is
   * current is up to date), false when the notices cannot be trusted right now (then read the database).
   * PostgreSQL: a sync notice sent through the pool comes back on the listening connection after all
   * notices of earlier commits; callers arriving while one is in flight share the next one.
   */
  settled(): Promise<boolean> {
    if (!this.subscribed) return Promise.resolve(false);
    if (this.inProcess) return Promise.resolve(true);
    if (!this.syncInFlight) {
      this.syncInFlight = this.sync().finally(() => {
        this.syncInFlight = undefined;
      });
      return this.syncInFlight;
    }
    // The sync in flight may have been sent before this call: wait for the next one.
    this.syncQueued ??= this.syncInFlight.then(() => {
      this.syncQueued = undefined;
      return this.settled();
    });
    return this.syncQueued;
  }

  private async sync(): Promise<boolean> {
    const token = `sync:${this.syncId}:${++this.syncSeq}`;
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<boolean>((resolve) => {
      this.syncWaiters.set(token, () => resolve(true));
      timer = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS);
    });
    try {
      await this.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${token})`);
      return (await seen) && this.subscribed;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      this.syncWaiters.delete(token);
    }
  }

  private receive(payload: string) {
    if (payload.startsWith('sync:')) {
      this.syncWaiters.get(payload)?.();
    } else if (payload.startsWith('match:')) {
      const id = payload.slice('match:'.length);
      if (this.matches.size >= MAX_TRACKED_MATCHES && !this.matches.has(id)) {
        this.matches.clear();
        this.global++;
      }
      this.matches.set(id, (this.matches.get(id) ?? 0) + 1);
    } else {
      this.global++;
    }
  }

  /** The connection dropped: notices may have been missed, so distrust everything until resubscribed. */
  private lost() {
    this.subscribed = false;
    this.global++;
    if (this.closed) return;
    setTimeout(() => {
      if (!this.closed) void this.start();
    }, RESUBSCRIBE_MS).unref();
  }
}

const feeds = new WeakMap<Db, ChangeNotices>();

/** The change notices of one database handle, subscribed on first use. */
export function changeNotices(db: Db): ChangeNotices {
  let feed = feeds.get(db);
  if (!feed) {
    feed = new ChangeNotices(db, isPgliteClient((db as { $client?: unknown }).$client));
    feeds.set(db, feed);
    feed.started = feed.start();
  }
  return feed;
}
