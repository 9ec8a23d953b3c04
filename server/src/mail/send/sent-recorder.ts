// Group commit for "sent": sends that finish within a short window are recorded by one UPDATE, so a busy
// worker writes one statement per handful of mails instead of one per mail. Lanes do not wait for it
// (they go on sending), so the window costs no throughput, only a little latency in the status. A crash
// before the write leaves the jobs in `sending`; they are reconciled like any other crash.
import type { Db } from '../../db/client';
import { markManySent } from './queue';

export interface SentRecorderOptions {
  /** How long the first finished send waits for others before they are written together. */
  windowMs?: number;
  /** Written at once when this many are waiting, window or not. */
  maxBatch?: number;
}

export class SentRecorder {
  private waiting: { id: number; done: (recorded: boolean) => void; fail: (error: unknown) => void }[] = [];
  private flushing?: Promise<void>;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private windowOver?: () => void;

  constructor(
    private readonly db: Db,
    private readonly owner: string,
    options: SentRecorderOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 100;
    this.maxBatch = options.maxBatch ?? 100;
  }

  /** Resolves true once the job is recorded as sent, false when another worker owns it now. */
  record(id: number): Promise<boolean> {
    return new Promise((done, fail) => {
      this.waiting.push({ id, done, fail });
      if (this.waiting.length >= this.maxBatch) this.windowOver?.();
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      if (this.waiting.length < this.maxBatch) await this.window();
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const recorded = await markManySent(
          this.db,
          batch.map((entry) => entry.id),
          this.owner,
        );
        for (const entry of batch) entry.done(recorded.has(entry.id));
      } catch (error) {
        for (const entry of batch) entry.fail(error);
      }
    }
    this.flushing = undefined;
  }

  /** Waits for the window to pass, or for a full batch to be waiting. */
  private window(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.windowOver?.(), this.windowMs);
      this.windowOver = () => {
        clearTimeout(timer);
        this.windowOver = undefined;
        resolve();
      };
    });
  }
}
