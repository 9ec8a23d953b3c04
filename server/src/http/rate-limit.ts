// A fixed-window limiter kept in memory: enough for one process; keys name what is limited
// (e.g. `sign-in:ip:127.0.0.1`, `sign-in:email:ana@example.org`).
export class RateLimiter {
  private readonly windows = new Map<string, { resetAt: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one hit; false when the key is over its limit in the current window. */
  hit(key: string, now = Date.now()): boolean {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 50_000) this.prune(now);
      this.windows.set(key, { resetAt: now + this.windowMs, count: 1 });
      return true;
    }
    window.count++;
    return window.count <= this.limit;
  }

  private prune(now: number) {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
