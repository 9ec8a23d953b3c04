// Helpers for outbox integration tests: run the worker in a child process, and count what arrived in
// the Dovecot mailboxes by Message-ID over IMAP.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { type Db, queryRows } from '../../server/src/db/client';
import { enqueueMail } from '../../server/src/mail/outbox';
import { type Dovecot, tolerateVanishingClients } from './dovecot';
import { freePort } from './free-port';

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the worker prints "ready". */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

export function spawnOutboxWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('test/harness/outbox-worker-process.ts')],
    {
      env: { ...process.env, LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`outbox worker exited early (${code})`)));
  });
  ready.catch(() => {});
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

/** The environment that points a worker process at the harness: SMTP front, program mailbox over IMAP. */
export function harnessMailEnv(dovecot: Dovecot, programAddress: string, smtpPort = dovecot.smtpPort) {
  return {
    PROGRAM_ADDRESS: programAddress,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_SECURE: 'false',
    IMAP_HOST: '127.0.0.1',
    IMAP_PORT: String(dovecot.imapPort),
    IMAP_SECURE: 'false',
    IMAP_USER: programAddress,
    IMAP_PASS: dovecot.users.find((u) => u.address === programAddress)!.password,
  };
}

export async function withMailbox<T>(
  dovecot: Dovecot,
  address: string,
  work: (client: ImapFlow) => Promise<T>,
) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.imapPort,
    secure: false,
    auth: { user: address, pass: 'secret' },
    logger: false,
  });
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  try {
    return await work(client);
  } finally {
    lock.release();
    await client.logout();
  }
}

/** How many times each Message-ID arrived in the mailbox's INBOX. */
export function countMessageIds(dovecot: Dovecot, address: string): Promise<Map<string, number>> {
  return withMailbox(dovecot, address, async (client) => {
    const counts = new Map<string, number>();
    if (!client.mailbox || client.mailbox.exists === 0) return counts;
    for await (const message of client.fetch('1:*', { envelope: true })) {
      const id = message.envelope?.messageId ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  });
}

export const smtpError = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

export interface SmtpFront {
  port: number;
  /** Messages this front delivered into Dovecot. */
  delivered(): number;
  close(): Promise<void>;
}

/**
 * An SMTP server in front of Dovecot that consults `hooks` (connect, RCPT) and `refuseData` (the reply
 * after the message was received) and otherwise delivers into the mailboxes like the harness does.
 */
export async function startSmtpFront(
  dovecot: Dovecot,
  hooks: Pick<SMTPServerOptions, 'onConnect' | 'onRcptTo'> = {},
  refuseData: () => Error | null = () => null,
): Promise<SmtpFront> {
  let delivered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    ...hooks,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refuse = refuseData();
        if (refuse) return callback(refuse);
        const to = session.envelope.rcptTo.map((r) => r.address);
        dovecot.deliver(Buffer.concat(chunks), to).then(() => {
          delivered++;
          callback();
        }, callback);
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  tolerateVanishingClients(server);
  return {
    port,
    delivered: () => delivered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Queues `count` notices from the program address, spread over `recipients`; returns job id → Message-ID and recipient. */
export async function enqueueBatch(
  db: Db,
  prefix: string,
  count: number,
  from: string,
  recipients: string[],
): Promise<{ messageId: string; to: string }[]> {
  const jobs: { messageId: string; to: string }[] = [];
  for (let i = 0; i < count; i++) {
    const to = recipients[i % recipients.length]!;
    const queued = await enqueueMail(db, {
      idempotencyKey: `${prefix}:${i}`,
      purpose: 'notice',
      from,
      to: [to],
      subject: `${prefix} ${i}`,
      text: `Message ${i} of ${count}`,
    });
    jobs.push({ messageId: queued.messageId, to });
  }
  return jobs;
}

/** Lost and duplicated deliveries of `jobs`, from what each mailbox holds (recipient and program copy). */
export async function deliveryReport(
  dovecot: Dovecot,
  program: string,
  jobs: { messageId: string; to: string }[],
) {
  const mailboxes = [...new Set([program, ...jobs.map((job) => job.to)])];
  const counts = new Map(
    await Promise.all(
      mailboxes.map(async (address) => [address, await countMessageIds(dovecot, address)] as const),
    ),
  );
  let lost = 0;
  let duplicates = 0;
  for (const job of jobs) {
    for (const mailbox of [job.to, program]) {
      const n = counts.get(mailbox)!.get(job.messageId) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicates += n - 1;
    }
  }
  const arrived = [...counts.values()].reduce(
    (sum, c) => sum + [...c.values()].reduce((a, b) => a + b, 0),
    0,
  );
  return { lost, duplicates, arrived };
}

/** Polls the outbox until no job is queued or sending. */
export async function waitForEmptyQueue(db: Db, timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await queryRows<{ status: string; n: number }>(
      db,
      sql`select status, count(*)::int as n from outbox_jobs group by status`,
    );
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    if (!byStatus.queued && !byStatus.sending) return byStatus;
    if (Date.now() > deadline) throw new Error(`outbox not drained: ${JSON.stringify(byStatus)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
