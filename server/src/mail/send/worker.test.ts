// The worker against the file outbox on both databases: send, reconcile after a crash, dead letter.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxJobs } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { enqueueMail, type QueuedMail } from '../outbox';
import { fileEvidence } from './evidence';
import { claimJobs, extendLocks, markManySent, recordUndeliverable } from './queue';
import { createFileTransport, fileOutboxPath, type MailTransport } from './transport';
import { OutboxWorker } from './worker';

describe.each(databaseKinds())('OutboxWorker with the file outbox on %s', (kind) => {
  let database: TestDatabase;
  let dir: string;
  const logger = pino({ level: 'silent' });
  const worker = (owner = 'w1') =>
    new OutboxWorker({
      db: database.db,
      transport: createFileTransport(dir),
      evidence: fileEvidence(dir),
      logger,
      owner,
      lockMs: 60_000,
    });
  const mail = (key: string, to = 'ana@example.org') => ({
    idempotencyKey: key,
    purpose: 'notice',
    from: 'program@example.org',
    to: [to],
    subject: `Subject ${key}`,
    text: 'Hello',
  });
  const job = async (id: number) =>
    (await database.db.select().from(outboxJobs).where(eq(outboxJobs.id, id)))[0]!;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-outbox-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each queued mail once as an .eml file and marks it sent', async () => {
    const a = await enqueueMail(database.db, mail('a'));
    const b = await enqueueMail(database.db, mail('b'));
    const w = worker();
    expect(await w.runOnce()).toBe(2);
    expect(await w.runOnce()).toBe(0);
    for (const queued of [a, b]) {
      expect(await job(queued.id)).toMatchObject({ status: 'sent', attempts: 1, lockedBy: null });
      const eml = readFileSync(fileOutboxPath(dir, queued.id), 'utf8');
      expect(eml).toContain(`Message-ID: ${queued.messageId}`);
      expect(eml).toContain('Auto-Submitted: auto-generated');
    }
    await w.stop();
  });

  it('reconciles a job left in sending by a crashed worker instead of sending it again', async () => {
    const delivered = await enqueueMail(database.db, mail('crash-after-send'));
    const notDelivered = await enqueueMail(database.db, mail('crash-before-send'));
    // A worker claims both with a short lock, "sends" one (writes its file) and dies before recording it.
    const claimed = await claimJobs(database.db, 'crashed', 10, 1);
    expect(claimed.map((c) => c.id)).toEqual([delivered.id, notDelivered.id]);
    const transport = createFileTransport(dir);
    await transport.send(delivered.id, { from: 'program@example.org', to: 'ana@example.org', text: 'x' });
    const writtenAt = statSync(fileOutboxPath(dir, delivered.id)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));

    const w = worker('w2');
    expect(await w.runOnce()).toBe(2);
    expect(await job(delivered.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: 'reconciled: an earlier attempt was delivered',
    });
    expect(statSync(fileOutboxPath(dir, delivered.id)).mtimeMs).toBe(writtenAt);
    expect(await job(notDelivered.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(existsSync(fileOutboxPath(dir, notDelivered.id))).toBe(true);
    await w.stop();
  });

  it('sends nothing to addresses known to be undeliverable', async () => {
    await recordUndeliverable(database.db, ['Gone@Example.org'], 'test');
    const queued = await enqueueMail(database.db, mail('to-gone', 'gone@example.org'));
    const w = worker();
    await w.runOnce();
    expect(await job(queued.id)).toMatchObject({ status: 'dead' });
    expect((await job(queued.id)).lastError).toMatch(/^EUNDELIVERABLE/);
    expect(existsSync(fileOutboxPath(dir, queued.id))).toBe(false);
    await w.stop();
  });

  it('runs in the background until stopped', async () => {
    const w = worker();
    w.start();
    const queued = await enqueueMail(database.db, mail('background'));
    w.wake();
    for (let i = 0; i < 100 && (await job(queued.id)).status !== 'sent'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await w.stop();
    expect((await job(queued.id)).status).toBe('sent');
  });

  it('never hands one job to two claims running at once', async () => {
    const queued = await Promise.all(
      Array.from({ length: 50 }, (_, i) => enqueueMail(database.db, mail(`claims-at-once:${i}`))),
    );
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimJobs(database.db, `claimer-${i}`, 10, 60_000)),
    );
    const ids = claims.flatMap((jobs) => jobs.map((j) => j.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(50);
    expect(ids.sort((a, b) => a - b)).toEqual(queued.map((q) => q.id).sort((a, b) => a - b));
    for (const [i, jobs] of claims.entries())
      for (const claimed of jobs)
        expect(claimed).toMatchObject({ status: 'sending', lockedBy: `claimer-${i}`, attempts: 1 });
    expect(claims.flat().every((j) => !j.needsReconciliation)).toBe(true);
    // Out of the way of the next tests.
    for (const [i, jobs] of claims.entries())
      await markManySent(
        database.db,
        jobs.map((j) => j.id),
        `claimer-${i}`,
      );
  });

  it('renews only the locks of the jobs a worker still holds', async () => {
    const held = await enqueueMail(database.db, mail('renew:held'));
    const dropped = await enqueueMail(database.db, mail('renew:dropped'));
    const claimed = await claimJobs(database.db, 'renewer', 10, 1_000);
    expect(claimed.map((c) => c.id)).toEqual([held.id, dropped.id]);
    await extendLocks(database.db, 'renewer', [held.id], 600_000);
    const lockLeft = async (id: number) => (await job(id)).lockedUntil!.getTime() - Date.now();
    expect(await lockLeft(held.id)).toBeGreaterThan(60_000);
    // Not renewed: a job whose outcome could not be recorded expires and is reconciled.
    expect(await lockLeft(dropped.id)).toBeLessThan(2_000);
    await markManySent(database.db, [held.id, dropped.id], 'renewer');
  });

  it('two workers claiming in batches send every job exactly once', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => `two-batch:${i}`);
    const sends = new Map<number, number>();
    const settled = new Map<number, string>();
    const file = createFileTransport(dir);
    const counting: MailTransport = {
      kind: 'file',
      send: async (jobId, message) => {
        sends.set(jobId, (sends.get(jobId) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
        return file.send(jobId, message);
      },
      close: () => file.close(),
    };
    const bySender = new Map<string, number>();
    const make = (owner: string) =>
      new OutboxWorker({
        db: database.db,
        transport: counting,
        evidence: fileEvidence(dir),
        logger,
        owner,
        concurrency: 3,
        batchSize: 8,
        pollMs: 10,
        onSettled: (settledJob, outcome) => {
          settled.set(settledJob.id, outcome);
          bySender.set(owner, (bySender.get(owner) ?? 0) + 1);
        },
      });
    const workers = [make('batch-a'), make('batch-b')];
    const queued: QueuedMail[] = [];
    for (const key of keys) queued.push(await enqueueMail(database.db, mail(key)));
    for (const w of workers) w.start();
    for (let i = 0; i < 500 && settled.size < keys.length; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all(workers.map((w) => w.stop()));
    expect(settled.size).toBe(keys.length);
    for (const q of queued) {
      expect(sends.get(q.id)).toBe(1);
      expect(settled.get(q.id)).toBe('sent');
      expect(await job(q.id)).toMatchObject({ status: 'sent', attempts: 1 });
    }
    expect(bySender.get('batch-a')).toBeGreaterThan(0);
    expect(bySender.get('batch-b')).toBeGreaterThan(0);
  });

  it('goes on sending while earlier sends are still being recorded, and records each before settling', async () => {
    const queued: QueuedMail[] = [];
    for (let i = 0; i < 8; i++) queued.push(await enqueueMail(database.db, mail(`record-later:${i}`)));
    let settled = 0;
    const w = new OutboxWorker({
      db: database.db,
      transport: createFileTransport(dir),
      evidence: fileEvidence(dir),
      logger,
      owner: 'record-later',
      concurrency: 2,
      batchSize: 8,
      // Long enough that every send is over before the first one is recorded.
      recordWindowMs: 1_500,
      onSettled: () => settled++,
    });
    w.start();
    const written = () => queued.filter((q) => existsSync(fileOutboxPath(dir, q.id))).length;
    for (let i = 0; i < 100 && written() < queued.length; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    // All eight went out over two lanes, none recorded yet: the lanes did not wait for the database.
    expect(written()).toBe(queued.length);
    for (const q of queued) expect((await job(q.id)).status).toBe('sending');
    expect(settled).toBe(0);
    // stop() returns only once every send is recorded.
    await w.stop();
    expect(settled).toBe(queued.length);
    for (const q of queued) expect(await job(q.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps the claim of a slow send alive, so no other worker takes the job meanwhile', async () => {
    const file = createFileTransport(dir);
    const slow: MailTransport = {
      kind: 'file',
      send: async (jobId, message) => {
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        return file.send(jobId, message);
      },
      close: () => file.close(),
    };
    const holder = new OutboxWorker({
      db: database.db,
      transport: slow,
      evidence: fileEvidence(dir),
      logger,
      owner: 'slow',
      // Short enough that the send outlives the claim twice over, long enough that a
      // loaded machine still runs the heartbeat (every lockMs / 3) in time.
      lockMs: 1_200,
      pollMs: 20,
    });
    const queued = await enqueueMail(database.db, mail('slow-send'));
    holder.start();
    while ((await job(queued.id)).status !== 'sending')
      await new Promise((resolve) => setTimeout(resolve, 10));
    const other = worker('other');
    const claimedByOther: number[] = [];
    while ((await job(queued.id)).status === 'sending') {
      claimedByOther.push(await other.runOnce());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([holder.stop(), other.stop()]);
    expect(claimedByOther.length).toBeGreaterThan(2);
    expect(claimedByOther.every((n) => n === 0)).toBe(true);
    expect(await job(queued.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
