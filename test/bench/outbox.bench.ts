// Benchmark: mails per second through Peerpost's outbox (enqueue + worker send) into the local SMTP
// harness (Dovecot behind an SMTP front), against raw pooled nodemailer sending the same messages with
// the same pool size in the same run. Writes bench-results/outbox.json. Not part of `npm test`.
// Usage: npm run bench:outbox [-- --mails 1000 --rounds 1]   (DATABASE_URL set → PostgreSQL, else PGlite)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { openDatabase, queryRows } from '../../server/src/db/client';
import { enqueueMail } from '../../server/src/mail/outbox';
import { fileEvidence } from '../../server/src/mail/send/evidence';
import { createSmtpTransport } from '../../server/src/mail/send/transport';
import { OutboxWorker } from '../../server/src/mail/send/worker';
import { noticeMail } from '../../server/src/mail/templates';
import { startDovecot } from '../harness/dovecot';

const { values } = parseArgs({ options: { mails: { type: 'string' }, rounds: { type: 'string' } } });
const mails = Number(values.mails ?? 1000);
const rounds = Number(values.rounds ?? 1);
const poolSize = 5;
const program = 'program@example.org';
const recipients = ['ana@example.org', 'bob@example.org', 'cem@example.org', 'dina@example.org'];

const dovecot = await startDovecot([program, ...recipients]);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
await database.migrate();
const smtp = { host: '127.0.0.1', port: dovecot.smtpPort, secure: false };

function message(round: string, i: number) {
  const rendered = noticeMail({
    subject: `Benchmark ${round} ${i}`,
    recipientName: 'Ana',
    paragraphs: ['Your pair has a new prompt waiting.', 'Reply all to talk it over.'],
    program: { name: 'Bench peers', exitUrl: 'https://peerpost.example/exit/bench' },
  });
  return { from: program, to: [recipients[i % recipients.length]!], ...rendered };
}

async function rawNodemailer(round: string): Promise<number> {
  const transport = nodemailer.createTransport({
    ...smtp,
    pool: true,
    maxConnections: poolSize,
    maxMessages: 1000,
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: mails }, (_, i) => {
      const { headers, ...mail } = message(round, i);
      // The same envelope Peerpost uses: the program mailbox as a blind recipient.
      return transport.sendMail({ ...mail, headers, bcc: program });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return mails / seconds;
}

async function peerpostOutbox(round: string): Promise<number> {
  const worker = new OutboxWorker({
    db: database.db,
    transport: createSmtpTransport(smtp, { maxConnections: poolSize }),
    evidence: fileEvidence('/nonexistent'),
    logger: pino({ level: 'silent' }),
    owner: `bench-${round}`,
    evidenceAddress: program,
    concurrency: poolSize * 2,
    pollMs: 5,
  });
  const started = performance.now();
  worker.start();
  for (let i = 0; i < mails; i++) {
    // The marginal cost of the outbox: one insert in the caller's transaction (here: autocommit).
    await enqueueMail(database.db, {
      idempotencyKey: `bench:${round}:${i}`,
      purpose: 'notice',
      ...message(round, i),
    });
  }
  for (;;) {
    const [left] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from outbox_jobs where status in ('queued', 'sending')`,
    );
    if (Number(left!.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  const [dead] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from outbox_jobs where status <> 'sent'`,
  );
  if (Number(dead!.n) > 0) throw new Error(`${dead!.n} jobs not sent`);
  return mails / seconds;
}

const raw: number[] = [];
const outbox: number[] = [];
await rawNodemailer('warmup');
// ABBA order per round, so a mailbox that slows down as it fills up does not favour either side.
for (let round = 0; round < rounds; round++) {
  raw.push(await rawNodemailer(`raw${round}a`));
  outbox.push(await peerpostOutbox(`outbox${round}a`));
  outbox.push(await peerpostOutbox(`outbox${round}b`));
  raw.push(await rawNodemailer(`raw${round}b`));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const result = {
  benchmark: 'outbox',
  database: database.kind,
  mails,
  rounds,
  poolSize,
  rawMailsPerSecond: raw.map((x) => Math.round(x)),
  outboxMailsPerSecond: outbox.map((x) => Math.round(x)),
  ratio: Number((mean(outbox) / mean(raw)).toFixed(3)),
  target: 0.7,
};
result.ratio >= result.target || console.warn(`below target: ${result.ratio} < ${result.target}`);
console.log(JSON.stringify(result, null, 2));
mkdirSync('bench-results', { recursive: true });
writeFileSync(path.join('bench-results', 'outbox.json'), `${JSON.stringify(result, null, 2)}\n`);
await database.close();
await dovecot.stop();
