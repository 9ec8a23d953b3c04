// Crash safety: the outbox worker runs in a child process that is killed with SIGKILL at random points
// while it sends a batch of 200 mails, 20 times over, then restarted to finish. Counted from what arrived
// in the Dovecot mailboxes over IMAP: nothing lost, nothing delivered twice.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom } from '@peerpost/shared/seeded-random';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/src/db/client';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import {
  deliveryReport,
  enqueueBatch,
  harnessMailEnv,
  spawnOutboxWorker,
  waitForEmptyQueue,
} from '../harness/outbox';

const program = 'program@example.org';
const recipients = ['ana@example.org', 'bob@example.org', 'cem@example.org', 'dina@example.org'];

describe('outbox crash safety', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    [dovecot, database] = await Promise.all([
      startDovecot([program, ...recipients]),
      openTestDatabase('postgres'),
    ]);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-crash-'));
  });
  afterAll(async () => {
    await Promise.all([dovecot?.stop(), database?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing and sends nothing twice across 20 SIGKILLs during a batch of 200', async () => {
    const jobs = await enqueueBatch(database.db, 'crash', 200, program, recipients);
    const env = {
      ...harnessMailEnv(dovecot, program),
      DATABASE_URL: database.url!,
      PEERPOST_DATA_DIR: dataDir,
      // Short locks (renewed every third while the worker lives) so that jobs a killed worker left in
      // `sending` come back for reconciliation by the time the next process is up.
      OUTBOX_LOCK_MS: '1500',
      OUTBOX_CONCURRENCY: '2',
    };
    const random = seededRandom(20_261_125);
    let killedMidSend = 0;
    for (let round = 0; round < 20; round++) {
      const worker = spawnOutboxWorker(env);
      await worker.ready;
      await new Promise((resolve) => setTimeout(resolve, random.int(50, 500)));
      worker.child.kill('SIGKILL');
      await worker.exited;
      const [inFlight] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from outbox_jobs where status = 'sending'`,
      );
      if (Number(inFlight!.n) > 0) killedMidSend++;
    }
    const [beforeFinish] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from outbox_jobs where status = 'sent'`,
    );
    const finisher = spawnOutboxWorker(env);
    await finisher.ready;
    const statuses = await waitForEmptyQueue(database.db, 60_000);
    finisher.child.kill('SIGTERM');
    expect(await finisher.exited).toBe(0);

    const [reconciled] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from outbox_jobs where last_error like 'reconciled%'`,
    );
    const report = await deliveryReport(dovecot, program, jobs);
    console.info(
      `crash test: ${killedMidSend}/20 kills mid-send, ${beforeFinish!.n} sent before the last restart, ` +
        `${reconciled!.n} reconciled from the program mailbox, ${report.arrived} messages arrived`,
    );
    expect(statuses).toEqual({ sent: 200 });
    expect(report).toEqual({ lost: 0, duplicates: 0, arrived: 400 });
    // The kills must really have hit sends in flight, some between the SMTP reply and recording it
    // (those are the ones found in the program mailbox), or this test proves nothing.
    expect(killedMidSend).toBeGreaterThanOrEqual(10);
    expect(Number(reconciled!.n)).toBeGreaterThan(0);
  }, 300_000);
});
