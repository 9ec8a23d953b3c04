// The worker against the file outbox on both databases: send, reconcile after a crash, dead letter.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxJobs } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../db/testing';
import { enqueueMail } from '../outbox';
import { fileEvidence } from './evidence';
import { claimJobs, recordUndeliverable } from './queue';
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
