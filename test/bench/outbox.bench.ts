// Benchmark: mails per second through Peerpost's durable outbox into the local SMTP harness (Dovecot
// behind an SMTP front), against raw pooled nodemailer sending the same messages with the same pool
// settings in the same run. Writes bench-results/outbox.json. Not part of `npm test`.
// Two outbox figures, each from the same rounds:
// - delivery: the worker alone, from start to every job recorded `sent`, over jobs already queued (in the
//   application they are queued by the transactions that cause them). This is the figure compared with
//   raw nodemailer, which also starts from messages in hand.
// - end to end: the enqueue inserts (one autocommit insert per mail) plus the delivery, back to back.
// Usage: npm run bench:outbox [-- --mails 1000 --rounds 1 --postgres]
//   (DATABASE_URL set → that PostgreSQL; --postgres → a throwaway PostgreSQL cluster; else PGlite)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { pino } from 'pino';
import { openDatabase, queryRows } from '../../server/src/db/client';
import { outboxJobs } from '../../server/src/db/schema';
import { domainOf, newMessageId } from '../../server/src/mail/message-id';
import { enqueueMail, type OutgoingMail } from '../../server/src/mail/outbox';
import { composeMessage } from '../../server/src/mail/send/compose';
import { fileEvidence } from '../../server/src/mail/send/evidence';
import { createSmtpTransport, smtpPoolSettings } from '../../server/src/mail/send/transport';
import { OutboxWorker } from '../../server/src/mail/send/worker';
import { noticeMail } from '../../server/src/mail/templates';
import { startDovecot } from '../harness/dovecot';
import { withMailbox } from '../harness/outbox';
import { startPostgres } from '../harness/postgres';

const { values } = parseArgs({
  options: { mails: { type: 'string' }, rounds: { type: 'string' }, postgres: { type: 'boolean' } },
});
const mails = Number(values.mails ?? 1000);
const rounds = Number(values.rounds ?? 1);
const poolSize = 5;
const program = 'program@example.org';
const recipients = ['ana@example.org', 'bob@example.org', 'cem@example.org', 'dina@example.org'];
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
const loadAtStart = load();

const dovecot = await startDovecot([program, ...recipients]);
const cluster = values.postgres && !process.env.DATABASE_URL ? await startPostgres() : undefined;
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? cluster?.url });
await database.migrate();
const statements = countStatements(database.db);
const smtp = { host: '127.0.0.1', port: dovecot.smtpPort, secure: false };

/** Counts the statements the worker sends to the database (either driver's `query`), for the JSON. */
function countStatements(db: unknown) {
  const client = (db as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
  const counter = { count: 0 };
  const query = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    counter.count++;
    return query(...args);
  };
  return counter;
}

/** The mail as a state change queues it: rendered once, at enqueue. */
function outgoing(round: string, i: number): OutgoingMail {
  const rendered = noticeMail({
    subject: `Benchmark ${round} ${i}`,
    recipientName: 'Ana',
    paragraphs: ['Your pair has a new prompt waiting.', 'Reply all to talk it over.'],
    program: { name: 'Bench peers', exitUrl: 'https://peerpost.example/exit/bench' },
  });
  return {
    idempotencyKey: `bench:${round}:${i}`,
    purpose: 'notice',
    from: program,
    to: [recipients[i % recipients.length]!],
    ...rendered,
  };
}

/** The same message as the worker sends it: same headers, a Message-ID, the program mailbox as Bcc. */
function rawMessage(round: string, i: number): SendMailOptions {
  const { idempotencyKey: _, purpose, ...mail } = outgoing(round, i);
  return { ...mail, bcc: program, messageId: newMessageId(purpose, domainOf(mail.from)), date: new Date() };
}

async function rawNodemailer(round: string): Promise<number> {
  const transport = nodemailer.createTransport({
    ...smtp,
    ...smtpPoolSettings({ maxConnections: poolSize }),
  });
  const started = performance.now();
  await Promise.all(Array.from({ length: mails }, (_, i) => transport.sendMail(rawMessage(round, i))));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return mails / seconds;
}

async function peerpostOutbox(round: string) {
  const started = performance.now();
  for (let i = 0; i < mails; i++) await enqueueMail(database.db, outgoing(round, i));
  const enqueued = performance.now();
  const statementsBefore = statements.count;
  const worker = new OutboxWorker({
    db: database.db,
    transport: createSmtpTransport(smtp, { maxConnections: poolSize }),
    evidence: fileEvidence('/nonexistent'),
    logger: pino({ level: 'silent' }),
    owner: `bench-${round}`,
    evidenceAddress: program,
    concurrency: poolSize,
    // Counted as the worker records them, so waiting costs no queries of its own.
    onSettled: () => ++settled === mails && allSettled(),
  });
  let settled = 0;
  let allSettled!: () => void;
  const done = new Promise<void>((resolve) => {
    allSettled = resolve;
  });
  worker.start();
  await done;
  const delivered = performance.now();
  const deliveryStatements = statements.count - statementsBefore;
  await worker.stop();
  const [notSent] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from outbox_jobs where status <> 'sent'`,
  );
  if (Number(notSent!.n) > 0) throw new Error(`${notSent!.n} jobs not sent`);
  return {
    delivery: mails / ((delivered - enqueued) / 1000),
    endToEnd: mails / ((delivered - started) / 1000),
    enqueue: mails / ((enqueued - started) / 1000),
    statementsPerMail: deliveryStatements / mails,
  };
}

/** Size on the wire of the last outbox job and of the raw message for the same mail. */
async function messageSizes(round: string) {
  const compiler = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const size = async (message: SendMailOptions) =>
    ((await compiler.sendMail(message)) as unknown as { message: Buffer }).message.length;
  const [job] = await database.db
    .select()
    .from(outboxJobs)
    .where(eq(outboxJobs.idempotencyKey, `bench:${round}:${mails - 1}`));
  const sizes = {
    raw: await size(rawMessage(round, mails - 1)),
    outbox: await size(composeMessage(job!, { to: job!.toAddresses, cc: job!.ccAddresses }, program)),
  };
  compiler.close();
  return sizes;
}

/**
 * Checks that the program mailbox got a copy of each of the `mails` just sent, then empties every mailbox,
 * so each timed phase delivers into the same empty mailboxes (Dovecot's delivery slows as they fill up).
 */
async function checkAndEmptyMailboxes(phase: string) {
  const copies = await withMailbox(dovecot, program, async (client) =>
    client.mailbox ? client.mailbox.exists : 0,
  );
  if (copies !== mails) throw new Error(`${phase}: ${copies} of ${mails} mails arrived`);
  for (const address of [program, ...recipients])
    await withMailbox(dovecot, address, async (client) => {
      if (client.mailbox && client.mailbox.exists > 0) await client.messageDelete('1:*');
    });
}

const raw: number[] = [];
const outbox: Awaited<ReturnType<typeof peerpostOutbox>>[] = [];
const timed = async <T>(phase: string, run: (phase: string) => Promise<T>) => {
  const result = await run(phase);
  await checkAndEmptyMailboxes(phase);
  return result;
};
await timed('warmup', rawNodemailer);
// ABBA order per round, so whatever drifts during the run does not favour either side.
for (let round = 0; round < rounds; round++) {
  raw.push(await timed(`raw${round}a`, rawNodemailer));
  outbox.push(await timed(`outbox${round}a`, peerpostOutbox));
  outbox.push(await timed(`outbox${round}b`, peerpostOutbox));
  raw.push(await timed(`raw${round}b`, rawNodemailer));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rates = (pick: (x: (typeof outbox)[number]) => number) => outbox.map((x) => Math.round(pick(x)));
const ratio = (pick: (x: (typeof outbox)[number]) => number) =>
  Number((mean(outbox.map(pick)) / mean(raw)).toFixed(3));
const result = {
  benchmark: 'outbox',
  database: database.kind,
  mails,
  rounds,
  pool: smtpPoolSettings({ maxConnections: poolSize }),
  messageBytes: await messageSizes(`outbox${rounds - 1}b`),
  rawMailsPerSecond: raw.map((x) => Math.round(x)),
  /** Queued jobs → delivered and recorded sent: the figure the target applies to. */
  outboxDeliveryMailsPerSecond: rates((x) => x.delivery),
  /** Enqueue inserts plus delivery, back to back. */
  outboxEndToEndMailsPerSecond: rates((x) => x.endToEnd),
  enqueueMailsPerSecond: rates((x) => x.enqueue),
  /** Database statements per delivered mail (claims, undeliverable look-ups, outcome writes). */
  deliveryStatementsPerMail: outbox.map((x) => Number(x.statementsPerMail.toFixed(3))),
  ratio: ratio((x) => x.delivery),
  endToEndRatio: ratio((x) => x.endToEnd),
  target: 0.7,
  loadAverage: { atStart: loadAtStart, atEnd: load() },
};
result.ratio >= result.target || console.warn(`below target: ${result.ratio} < ${result.target}`);
console.log(JSON.stringify(result, null, 2));
mkdirSync('bench-results', { recursive: true });
writeFileSync(path.join('bench-results', 'outbox.json'), `${JSON.stringify(result, null, 2)}\n`);
await database.close();
await cluster?.stop();
await dovecot.stop();
