// A throwaway Dovecot (IMAP + LMTP) from a config in a temp dir, on free loopback ports, with
// passwd-file users and maildir storage, plus an SMTP front (smtp-server) that delivers into LMTP, so
// nodemailer → SMTP → mailbox → imapflow runs for real. Installs the apt packages when missing.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';
import { isRoot } from './system';

export interface MailUser {
  address: string;
  password: string;
}

export interface Dovecot {
  host: '127.0.0.1';
  imapPort: number;
  lmtpPort: number;
  /** SMTP (no auth, no TLS) that delivers every recipient into the Dovecot mailboxes through LMTP. */
  smtpPort: number;
  users: MailUser[];
  /** Delivers a raw RFC 5322 message to the given mailboxes through LMTP. */
  deliver(raw: string | Buffer, to: string[], from?: string): Promise<void>;
  /**
   * Writes messages straight into a user's Maildir/new as Dovecot's LMTP delivery stores them (the trace
   * fields it puts on top, the sizes in the file name): how benchmarks load 100,000 messages in seconds.
   * Dovecot picks them up at the next SELECT. Returns how many.
   */
  fillMaildir(address: string, messages: Iterable<Buffer>): number;
  stop(): Promise<void>;
}

export const dovecotPackages = ['dovecot-imapd', 'dovecot-lmtpd'];

function ensureInstalled() {
  if (existsSync('/usr/sbin/dovecot')) return;
  const result = spawnSync(
    'node',
    [
      '-e',
      `import('${path.resolve('scripts/bootstrap.mjs')}').then(m => { if (m.ensureAptPackages(${JSON.stringify(dovecotPackages)}).length) process.exit(1) })`,
    ],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0 || !existsSync('/usr/sbin/dovecot')) throw new Error('Dovecot is not installed');
}

/** The size of a message with every bare LF counted as CRLF, as IMAP reports it. */
function virtualSize(raw: Buffer): number {
  let size = raw.length;
  for (let lf = raw.indexOf(0x0a); lf >= 0; lf = raw.indexOf(0x0a, lf + 1)) if (raw[lf - 1] !== 0x0d) size++;
  return size;
}

export async function startDovecot(addresses: string[] = ['program@example.org']): Promise<Dovecot> {
  ensureInstalled();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-dovecot-'));
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(path.join(dir, sub));
  const users = addresses.map((address) => ({ address, password: 'secret' }));
  writeFileSync(
    path.join(dir, 'users'),
    `${users.map((u) => `${u.address}:{PLAIN}${u.password}`).join('\n')}\n`,
  );
  const [imapPort, lmtpPort] = [await freePort(), await freePort()];
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_internal_group = dovecot
default_login_user = dovenull
mail_location = maildir:${dir}/mail/%u
mail_uid = mail
mail_gid = mail
first_valid_uid = 1
mail_max_userip_connections = 100
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=${dir}/home/%u
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
`;
  const configFile = path.join(dir, 'dovecot.conf');
  writeFileSync(configFile, config);
  if (isRoot) spawnSync('chown', ['-R', 'mail:mail', path.join(dir, 'mail'), path.join(dir, 'home')]);
  // The master daemonises and would keep inherited pipes open, so its output goes to the log file only.
  const started = spawnSync('/usr/sbin/dovecot', ['-c', configFile], { stdio: 'ignore' });
  if (started.status !== 0) {
    const log = existsSync(path.join(dir, 'dovecot.log'))
      ? readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
      : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot failed to start (exit ${started.status}): ${log.slice(-2000)}`);
  }
  await waitForPort(imapPort);

  const lmtp = nodemailer.createTransport({
    host: '127.0.0.1',
    port: lmtpPort,
    lmtp: true,
    ignoreTLS: true,
  } as never);
  const deliver = async (raw: string | Buffer, to: string[], from = 'sender@example.org') => {
    await lmtp.sendMail({ envelope: { from, to }, raw });
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        deliver(Buffer.concat(chunks), to, from || 'mailer-daemon@example.org').then(
          () => callback(),
          (error: Error) =>
            callback(
              Object.assign(new Error(`LMTP delivery failed: ${error.message}`), { responseCode: 451 }),
            ),
        );
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, '127.0.0.1', () => resolve());
  });
  tolerateVanishingClients(smtp);

  return {
    host: '127.0.0.1',
    imapPort,
    lmtpPort,
    smtpPort,
    users,
    deliver,
    fillMaildir(address, messages) {
      const root = path.join(dir, 'mail', address);
      for (const sub of ['new', 'cur', 'tmp']) mkdirSync(path.join(root, sub), { recursive: true });
      const owner = isRoot ? uidAndGid('mail') : undefined;
      let written = 0;
      const stamp = Math.floor(Date.now() / 1000);
      const deliveredAt = new Date(stamp * 1000).toUTCString().replace('GMT', '+0000');
      for (const message of messages) {
        // The fields LMTP adds to every message it delivers.
        const trace = [
          'Return-Path: <sender@example.org>',
          `Delivered-To: ${address}`,
          'Received: from [127.0.0.1] ([127.0.0.1])',
          '\tby peerpost-test with LMTP',
          `\tid ${stamp.toString(36)}${written.toString(36)}`,
          '\t(envelope-from <sender@example.org>)',
          `\tfor <${address}>; ${deliveredAt}`,
          '',
        ].join('\r\n');
        const raw = Buffer.concat([Buffer.from(trace), message]);
        // Unique names in the Maildir scheme, with the sizes Dovecot's own delivery puts there: S= spares
        // it a stat per message, W= (the size with CRLF line breaks) a read of the whole message whenever a
        // size is asked for (RFC822.SIZE, SEARCH LARGER).
        const name = `${stamp}.M${written}P${process.pid}.peerpost,S=${raw.length},W=${virtualSize(raw)}`;
        const file = path.join(root, 'new', name);
        writeFileSync(file, raw);
        if (owner) chownSync(file, owner.uid, owner.gid);
        written++;
      }
      if (owner)
        for (const sub of ['', 'new', 'cur', 'tmp']) chownSync(path.join(root, sub), owner.uid, owner.gid);
      return written;
    },
    async stop() {
      lmtp.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      const pidFile = path.join(dir, 'run', 'master.pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        try {
          process.kill(pid, 'SIGTERM');
        } catch {}
        // Wait for the master to exit so its ports are free again.
        for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function uidAndGid(user: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, user], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForPort(port: number, timeoutMs = 10_000) {
  const net = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} did not open`);
}

/**
 * Crash tests kill SMTP clients mid-conversation; the server reports each reset connection as an
 * 'error' event, which would otherwise surface as an uncaught exception in the test process.
 */
export function tolerateVanishingClients(server: SMTPServer) {
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
}
