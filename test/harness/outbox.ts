// Helpers for outbox integration tests: run the worker in a child process, and count what arrived in
// the Dovecot mailboxes by Message-ID over IMAP.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Dovecot } from './dovecot';

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
