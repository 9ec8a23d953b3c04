// Group commit for "sent": lanes that finish while an update is running are recorded together by the
// next one, so a busy worker writes one UPDATE per handful of mails instead of one per mail. A crash
// before the write leaves the jobs in `sending`; they are reconciled like any other crash.
import type { Db } from '../../db/client';
import { markManySent } from './queue';

export class SentRecorder {
  private waiting: { id: number; done: (recorded: boolean) => void; fail: (error: unknown) => void }[] = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly owner: string,
  ) {}

  /** Resolves true once the job is recorded as sent, false when another worker owns it now. */
  record(id: number): Promise<boolean> {
    return new Promise((done, fail) => {
      this.waiting.push({ id, done, fail });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
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
}
