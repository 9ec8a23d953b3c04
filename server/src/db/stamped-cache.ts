// A bounded in-memory cache whose values are served only while the change notices say nothing they were
// built from has changed since (and, for values that age, until their own expiry).
import type { ChangeNotices, Stamp } from './change-notices';

interface Entry<V> {
  value: V;
  stamp: Stamp;
  matchId: string | undefined;
  validUntil: number;
}

export interface Loaded<V> {
  value: V;
  /** Epoch ms after which the value may be wrong even without a change (a due date passing). */
  validUntil?: number;
}

export class StampedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly notices: ChangeNotices,
    private readonly maxEntries: number,
    /** Whether `undefined` (nothing found) may be kept too; not for input an attacker can vary at will. */
    private readonly keepMisses = false,
  ) {}

  /**
   * The cached value for `key` when `settled` (see ChangeNotices.settled) and still current, otherwise
   * `load()`'s, kept for next time. `matchId` names the one match the value shows, if any.
   */
  async get(
    key: string,
    settled: boolean,
    load: () => Promise<Loaded<V>>,
    matchId?: string,
    now = Date.now(),
  ): Promise<V> {
    const entry = settled ? this.entries.get(key) : undefined;
    if (entry && entry.validUntil > now && this.notices.isCurrent(entry.stamp, matchId)) return entry.value;
    // Stamp before reading: a change committed during the load leaves the new entry stale, never wrong.
    const stamp = this.notices.stamp(matchId);
    const { value, validUntil = Number.POSITIVE_INFINITY } = await load();
    if (settled && (value !== undefined || this.keepMisses)) {
      this.entries.delete(key);
      if (this.entries.size >= this.maxEntries)
        this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { value, stamp, matchId, validUntil });
    }
    return value;
  }
}
