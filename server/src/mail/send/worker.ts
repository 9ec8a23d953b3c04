// The outbox worker: claims due jobs, sends them, records the outcome. Safe to run in several processes
// at once (claims use SKIP LOCKED, writes are fenced by the lock owner) and safe to kill at any point:
// a job is marked sent only after the transport confirmed it, and a job left in `sending` is reconciled
// against the delivery evidence before it is ever sent again.
// Throughput: one lane per pooled SMTP connection, and no database round trip between two sends of a
// lane: the next batch is claimed while the current one is being sent, and a lane hands its finished send
// to the recorder and takes the next job while the outcome is being written.
import type { Db } from '../../db/client';
import type { Logger } from '../../logger';
import { type BackoffPolicy, defaultBackoff, retryDelayMs } from './backoff';
import { composeMessage } from './compose';
import type { DeliveryEvidence } from './evidence';
import {
  type ClaimedJob,
  claimJobs,
  extendLocks,
  markDead,
  markSent,
  normaliseAddress,
  recordUndeliverable,
  releaseJob,
  scheduleReconciliation,
  scheduleRetry,
  undeliverableAmong,
} from './queue';
import { MailSendError } from './send-error';
import { SentRecorder } from './sent-recorder';
import type { MailTransport } from './transport';

export interface OutboxWorkerOptions {
  db: Db;
  transport: MailTransport;
  evidence: DeliveryEvidence;
  logger: Logger;
  /** Lock owner: unique per process. */
  owner: string;
  /** The program mailbox that receives a copy of every message (the evidence). */
  evidenceAddress?: string;
  /** Sends in flight at once: the SMTP pool size. */
  concurrency?: number;
  /** Jobs claimed per round trip. */
  batchSize?: number;
  /** How long a finished send waits to be recorded as sent together with others (one UPDATE for all). */
  recordWindowMs?: number;
  /** Called once a job's outcome is recorded (metrics, tests, benchmarks). */
  onSettled?: (job: ClaimedJob, outcome: JobOutcome) => void;
  /** How long a claim lasts; must exceed the longest send (SMTP timeouts are 20–60 s). */
  lockMs?: number;
  /** Wait between polls when the queue is empty. */
  pollMs?: number;
  backoff?: BackoffPolicy;
}

export type JobOutcome =
  | 'sent'
  | 'reconciled'
  | 'retry'
  | 'reconcile-later'
  | 'dead'
  | 'released'
  | 'lost-lock';

export class OutboxWorker {
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly lockMs: number;
  private readonly pollMs: number;
  private readonly backoff: BackoffPolicy;
  private stopping = false;
  private loop?: Promise<void>;
  /** Claimed jobs not started yet, each with the undeliverable addresses among its recipients. */
  private readonly pending: { job: ClaimedJob; undeliverable: Set<string> }[] = [];
  private refilling?: Promise<number>;
  /** Whether the last claim came back full, i.e. more jobs are probably due: worth claiming ahead. */
  private moreDue = false;
  /** Every job being processed, until its outcome is recorded (the send may be over before that). */
  private readonly settling = new Set<Promise<void>>();
  private wakeUp = signal();
  private readonly sent: SentRecorder;
  /** Jobs this worker holds (claimed, not yet decided): a re-claim of one of them is ignored. */
  private readonly held = new Set<number>();
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.concurrency = options.concurrency ?? 5;
    // Eight sends per lane: big enough that claiming costs little per mail, small because after a crash
    // every claimed job is in doubt and costs a mailbox search to reconcile.
    this.batchSize = options.batchSize ?? this.concurrency * 8;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    this.pollMs = options.pollMs ?? 1000;
    this.backoff = options.backoff ?? defaultBackoff;
    this.sent = new SentRecorder(options.db, options.owner, { windowMs: options.recordWindowMs });
  }

  /** Runs `concurrency` lanes that take jobs from one local queue, refilled by one claim at a time. */
  start(): void {
    if (this.loop) return;
    // Renew the locks of held jobs at a third of the lock time, so only a dead process loses them.
    this.heartbeat = setInterval(() => {
      if (this.held.size === 0) return;
      extendLocks(this.options.db, this.options.owner, [...this.held], this.lockMs).catch((error: Error) =>
        this.options.logger.warn({ err: error.message }, 'outbox: could not extend locks'),
      );
    }, this.lockMs / 3);
    this.loop = Promise.all(Array.from({ length: this.concurrency }, () => this.lane()))
      // A claim made ahead may still be on its way: its jobs are given back too, not left to expire.
      .then(() => this.refilling?.catch(() => 0))
      .then(() => this.releasePending())
      .then(() => this.settled())
      .finally(() => clearInterval(this.heartbeat));
  }

  /** Checks the queue now instead of at the next poll (e.g. right after enqueueing). */
  wake(): void {
    this.wakeUp.resolve();
    this.wakeUp = signal();
  }

  /** Stops claiming, lets in-flight sends finish, gives unstarted jobs back, closes connections. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await this.options.transport.close();
    await this.options.evidence.close();
  }

  /** Claims one batch and processes it completely; returns how many jobs it claimed. For tests and tools. */
  async runOnce(): Promise<number> {
    const claimed = await this.refill();
    const lane = async () => {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) await this.processSafely(next);
    };
    await Promise.all(Array.from({ length: this.concurrency }, lane));
    await this.settled();
    return claimed;
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      const next = this.pending.shift();
      if (next) {
        this.claimAhead();
        await this.processSafely(next);
        continue;
      }
      let claimed = 0;
      try {
        claimed = await this.refill();
      } catch (error) {
        this.options.logger.error({ err: (error as Error).message }, 'outbox: claim failed');
      }
      if (claimed === 0 && this.pending.length === 0 && !this.stopping) {
        await Promise.race([new Promise((resolve) => setTimeout(resolve, this.pollMs)), this.wakeUp.promise]);
      }
    }
  }

  /**
   * Claims the next batch in the background while the lanes still have work, so no lane waits for a claim
   * while the queue is busy. Only after a full claim (more is probably due) and while the recorder keeps
   * up, so a worker never holds more jobs than it will soon send.
   */
  private claimAhead(): void {
    if (!this.moreDue || this.refilling || this.stopping) return;
    if (this.pending.length >= this.concurrency || this.held.size > this.batchSize * 2) return;
    this.refill().catch((error: Error) =>
      this.options.logger.error({ err: error.message }, 'outbox: claim failed'),
    );
  }

  /** One claim at a time per worker; lanes that find the local queue empty share it. */
  private refill(): Promise<number> {
    this.refilling ??= (async () => {
      const { db, owner } = this.options;
      const jobs = await claimJobs(db, owner, this.batchSize, this.lockMs);
      this.moreDue = jobs.length === this.batchSize;
      if (jobs.length === 0) return 0;
      const undeliverable = await undeliverableAmong(
        db,
        jobs.flatMap((job) => [...job.toAddresses, ...job.ccAddresses]),
      );
      for (const job of jobs) {
        if (this.held.has(job.id)) continue;
        this.held.add(job.id);
        this.pending.push({ job, undeliverable });
      }
      // Lanes asleep on an empty local queue (a claim ahead found work for them).
      this.wake();
      return jobs.length;
    })().finally(() => {
      this.refilling = undefined;
    });
    return this.refilling;
  }

  /**
   * Processes one job; returns as soon as its send is over (or it needed none), while the outcome is
   * still being recorded, so the lane's connection goes on to the next job. The job stays held (and its
   * lock renewed) until the outcome is recorded.
   */
  private async processSafely({ job, undeliverable }: { job: ClaimedJob; undeliverable: Set<string> }) {
    const sendOver = signal();
    const settling: Promise<void> = this.process(job, undeliverable, sendOver.resolve)
      .then(
        (outcome) => this.options.onSettled?.(job, outcome),
        (error: Error) => {
          // A database hiccup while recording: the lock expires and the job is reconciled later.
          this.options.logger.error(
            { jobId: job.id, err: error.message },
            'outbox: could not record outcome',
          );
        },
      )
      .catch((error: Error) =>
        this.options.logger.error({ jobId: job.id, err: error.message }, 'outbox: onSettled failed'),
      )
      .finally(() => {
        this.held.delete(job.id);
        this.settling.delete(settling);
      });
    this.settling.add(settling);
    await Promise.race([settling, sendOver.promise]);
    // Back-pressure: when recording falls behind (a slow database), lanes wait instead of sending on.
    while (this.settling.size > this.batchSize) await Promise.race(this.settling);
  }

  /** Waits until every outcome this worker has started recording is recorded. */
  private async settled(): Promise<void> {
    while (this.settling.size > 0) await Promise.all(this.settling);
  }

  private async releasePending(): Promise<void> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      await this.processSafely(next);
    }
  }

  /**
   * Decides and records what happens to one claimed job.
   * @param sendOver called once nothing more is sent for this job (only its outcome is left to record)
   */
  async process(job: ClaimedJob, undeliverable: Set<string>, sendOver: () => void = () => {}) {
    try {
      return await this.decide(job, undeliverable, sendOver);
    } finally {
      sendOver();
    }
  }

  private async decide(
    job: ClaimedJob,
    undeliverable: Set<string>,
    sendOver: () => void,
  ): Promise<JobOutcome> {
    const { db, owner, logger } = this.options;
    // Unstarted work goes back on shutdown.
    // (Without the heartbeat, i.e. in runOnce, a claim about to expire is not used for a send either.)
    const expiring =
      !this.heartbeat && job.lockedUntil && job.lockedUntil.getTime() - Date.now() < this.lockMs / 2;
    if (this.stopping || expiring) {
      // A job in doubt stays in doubt: it goes back still marked for reconciliation, never as plain queued.
      if (job.needsReconciliation)
        await scheduleReconciliation(db, job, owner, 0, job.lastError ?? 'in doubt');
      else await releaseJob(db, job, owner);
      return 'released';
    }
    if (job.needsReconciliation) {
      let delivered: boolean;
      try {
        delivered = await this.options.evidence.wasDelivered(job);
      } catch (error) {
        const summary = error instanceof MailSendError ? error.summary() : String(error);
        await scheduleReconciliation(db, job, owner, retryDelayMs(job.attempts, this.backoff), summary);
        return 'reconcile-later';
      }
      if (delivered) {
        await markSent(db, job, owner, 'reconciled: an earlier attempt was delivered');
        logger.info({ jobId: job.id }, 'outbox: reconciled an earlier delivery');
        return 'reconciled';
      }
    }
    if (job.attempts > this.backoff.maxAttempts) {
      await markDead(
        db,
        job,
        owner,
        `EATTEMPTS: gave up after ${job.attempts - 1} attempts; ${job.lastError ?? ''}`,
      );
      return 'dead';
    }
    const keep = (address: string) => !undeliverable.has(normaliseAddress(address));
    const recipients = { to: job.toAddresses.filter(keep), cc: job.ccAddresses.filter(keep) };
    if (recipients.to.length + recipients.cc.length === 0) {
      await markDead(db, job, owner, 'EUNDELIVERABLE: every recipient is marked undeliverable');
      return 'dead';
    }
    try {
      const message = composeMessage(job, recipients, this.options.evidenceAddress);
      const receipt = await this.options.transport.send(job.id, message).finally(sendOver);
      const real = [...recipients.to, ...recipients.cc].map(normaliseAddress);
      const refused = new Set(receipt.rejected.map(normaliseAddress));
      if (real.every((address) => refused.has(address))) {
        await markDead(
          db,
          job,
          owner,
          'ESMTPPERMANENT (RCPT TO): every recipient was refused',
          receipt.rejected,
        );
        return 'dead';
      }
      await recordUndeliverable(db, receipt.rejected, 'ESMTPPERMANENT (RCPT TO): refused');
      const note = [
        ...receipt.rejected.map((a) => `refused ${a}`),
        ...receipt.deferred.map((a) => `deferred ${a}`),
      ];
      const recorded = note.length
        ? await markSent(db, job, owner, note.join('; '))
        : await this.sent.record(job.id);
      if (!recorded)
        logger.warn({ jobId: job.id }, 'outbox: sent, but the lock had passed to another worker');
      return recorded ? 'sent' : 'lost-lock';
    } catch (caught) {
      const error =
        caught instanceof MailSendError
          ? caught
          : new MailSendError('ECONNECTION', String(caught), { outcome: 'uncertain' });
      const context = {
        jobId: job.id,
        attempt: job.attempts,
        code: error.code,
        responseCode: error.responseCode,
        command: error.command,
      };
      if (error.outcome === 'permanent') {
        await markDead(db, job, owner, error.summary(), error.rejected);
        logger.warn(context, 'outbox: permanent failure, moved to dead letter');
        return 'dead';
      }
      const delay = retryDelayMs(job.attempts, this.backoff);
      logger.info({ ...context, delayMs: delay }, 'outbox: send deferred');
      if (error.outcome === 'uncertain') {
        await scheduleReconciliation(db, job, owner, delay, error.summary());
        return 'reconcile-later';
      }
      await scheduleRetry(db, job, owner, delay, error.summary());
      return 'retry';
    }
  }
}

/** A promise with its resolve function (Promise.withResolvers needs Node 22). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
