// Fault handling over the real SMTP protocol: an smtp-server in front of Dovecot answers with scripted
// reply codes (421, 451, 550) before delivering; what arrives is counted over IMAP.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxJobs, undeliverableAddresses } from '../../server/src/db/schema';
import { openTestDatabase, type TestDatabase } from '../../server/src/db/testing';
import { enqueueMail } from '../../server/src/mail/outbox';
import { noEvidence } from '../../server/src/mail/send/evidence';
import { createSmtpTransport } from '../../server/src/mail/send/transport';
import { OutboxWorker } from '../../server/src/mail/send/worker';
import { type Dovecot, startDovecot } from '../harness/dovecot';
import { countMessageIds, smtpError, startSmtpFront } from '../harness/outbox';

const program = 'program@example.org';

describe('outbox faults over real SMTP', () => {
  let dovecot: Dovecot;
  let database: TestDatabase;
  beforeAll(async () => {
    [dovecot, database] = await Promise.all([
      startDovecot([program, 'ana@example.org', 'bob@example.org']),
      openTestDatabase('pglite'),
    ]);
  });
  afterAll(() => Promise.all([dovecot?.stop(), database?.close()]));

  const workerFor = (port: number, concurrency = 5) =>
    new OutboxWorker({
      concurrency,
      db: database.db,
      transport: createSmtpTransport({ host: '127.0.0.1', port, secure: false }, { maxConnections: 1 }),
      evidence: noEvidence(pino({ level: 'silent' })),
      logger: pino({ level: 'silent' }),
      owner: 'faults',
      evidenceAddress: program,
      backoff: { baseMs: 20, maxMs: 100, maxAttempts: 5 },
    });
  const job = async (id: number) =>
    (await database.db.select().from(outboxJobs).where(eq(outboxJobs.id, id)))[0]!;
  const enqueue = (key: string, to: string) =>
    enqueueMail(database.db, {
      idempotencyKey: key,
      purpose: 'notice',
      from: program,
      to: [to],
      subject: key,
      text: key,
    });
  /** Runs the worker until the job leaves the queue (or a second passes). */
  async function drain(worker: OutboxWorker, id: number) {
    for (let i = 0; i < 100; i++) {
      await worker.runOnce();
      const { status } = await job(id);
      if (status === 'sent' || status === 'dead') return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('retries 421 and 451 with backoff, then delivers exactly once', async () => {
    let connections = 0;
    let dataCommands = 0;
    const smtp = await startSmtpFront(
      dovecot,
      {
        onConnect(_session, callback) {
          connections++;
          callback(connections === 1 ? smtpError(421, 'Too busy, come back later') : undefined);
        },
      },
      () => (++dataCommands === 1 ? smtpError(451, 'Local problem, try again') : null),
    );
    const worker = workerFor(smtp.port);
    const queued = await enqueue('faults:transient', 'ana@example.org');
    await drain(worker, queued.id);
    await worker.stop();
    await smtp.close();

    const row = await job(queued.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(dataCommands).toBe(2);
    expect((await countMessageIds(dovecot, 'ana@example.org')).get(queued.messageId)).toBe(1);
  });

  it('moves a 550 to dead letter, marks the address undeliverable and never retries it', async () => {
    const rcpt = new Map<string, number>();
    const smtp = await startSmtpFront(dovecot, {
      onRcptTo(address, _session, callback) {
        rcpt.set(address.address, (rcpt.get(address.address) ?? 0) + 1);
        callback(address.address === 'gone@example.org' ? smtpError(550, 'No such user here') : undefined);
      },
    });
    const worker = workerFor(smtp.port);
    const first = await enqueue('faults:gone-1', 'gone@example.org');
    await drain(worker, first.id);
    const second = await enqueue('faults:gone-2', 'gone@example.org');
    for (let i = 0; i < 10; i++) await worker.runOnce();
    await worker.stop();
    await smtp.close();

    expect(await job(first.id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await job(first.id)).lastError).toMatch(/ESMTPPERMANENT/);
    expect(await job(second.id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await job(second.id)).lastError).toMatch(/^EUNDELIVERABLE/);
    const [undeliverable] = await database.db
      .select()
      .from(undeliverableAddresses)
      .where(eq(undeliverableAddresses.address, 'gone@example.org'));
    expect(undeliverable?.reason).toMatch(/550|ESMTPPERMANENT/);
    // One RCPT for the first job, none for the second: no retry storm.
    expect(rcpt.get('gone@example.org')).toBe(1);
  });

  it('moves a message refused at DATA with 554 to dead letter without marking addresses', async () => {
    const smtp = await startSmtpFront(dovecot, {}, () => smtpError(554, 'Message rejected as spam'));
    const worker = workerFor(smtp.port);
    const queued = await enqueue('faults:spam', 'bob@example.org');
    await drain(worker, queued.id);
    await worker.stop();
    await smtp.close();
    expect(await job(queued.id)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await job(queued.id)).lastError).toBe('ESMTPPERMANENT (DATA 554): 554 Message rejected as spam');
    const marked = await database.db
      .select()
      .from(undeliverableAddresses)
      .where(eq(undeliverableAddresses.address, 'bob@example.org'));
    expect(marked).toHaveLength(0);
    expect((await countMessageIds(dovecot, 'bob@example.org')).get(queued.messageId)).toBeUndefined();
  });

  it('finishes in-flight sends on stop and gives unstarted jobs back', async () => {
    let inFlight = 0;
    const smtp = await startSmtpFront(dovecot, {
      onRcptTo(_address, _session, callback) {
        inFlight++;
        setTimeout(() => callback(), 300);
      },
    });
    const worker = workerFor(smtp.port, 1);
    const queued = await Promise.all(['a', 'b', 'c'].map((key) => enqueue(`stop:${key}`, 'ana@example.org')));
    worker.start();
    while (inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.stop();
    await smtp.close();
    const rows = await Promise.all(queued.map((q) => job(q.id)));
    // One lane claimed all three and had started the first: that one is sent, the other two are back in
    // the queue as if never claimed.
    const sent = rows.filter((row) => row.status === 'sent');
    const back = rows.filter((row) => row.status === 'queued');
    expect(sent).toHaveLength(1);
    expect(back).toHaveLength(2);
    for (const row of back) expect(row).toMatchObject({ attempts: 0, lockedBy: null });
    const arrived = await countMessageIds(dovecot, 'ana@example.org');
    for (const row of sent) expect(arrived.get(row.messageId)).toBe(1);
  });
});
