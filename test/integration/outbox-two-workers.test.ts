// Two worker processes on one PostgreSQL queue, each sending through its own SMTP front into the same
// Dovecot: every job is sent exactly once, and both did part of the work.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import {
  deliveryReport,
  enqueueBatch,
  harnessMailEnv,
  type SmtpFront,
  spawnOutboxWorker,
  startSmtpFront,
  waitForEmptyQueue,
} from '../harness/outbox';

const program = 'program@example.org';
const recipients = ['ana@example.org', 'bob@example.org', 'cem@example.org'];

describe('two outbox workers on one queue', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let fronts: SmtpFront[];
  let dataDir: string;
  beforeAll(async () => {
    [dovecot, database] = await Promise.all([
      startDovecot([program, ...recipients]),
      openTestDatabase('postgres'),
    ]);
    fronts = await Promise.all([startSmtpFront(dovecot), startSmtpFront(dovecot)]);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-two-'));
  });
  afterAll(async () => {
    await Promise.all([...(fronts ?? []).map((front) => front.close()), dovecot?.stop(), database?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends every job exactly once', async () => {
    const workers = fronts.map((front) =>
      spawnOutboxWorker({
        ...harnessMailEnv(dovecot, program, front.port),
        DATABASE_URL: database.url!,
        PEERPOST_DATA_DIR: dataDir,
        OUTBOX_CONCURRENCY: '3',
      }),
    );
    await Promise.all(workers.map((worker) => worker.ready));
    // Both are polling before the first job appears, so neither can drain the queue alone by starting first.
    const jobs = await enqueueBatch(database.db, 'two', 200, program, recipients);
    expect(await waitForEmptyQueue(database.db, 30_000)).toEqual({ sent: 200 });
    for (const worker of workers) worker.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);

    expect(await deliveryReport(dovecot, program, jobs)).toEqual({ lost: 0, duplicates: 0, arrived: 400 });
    const [first, second] = fronts.map((front) => front.delivered());
    expect(first! + second!).toBe(200);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
  });
});
