// A real Roundcube (Debian's roundcube-core, Elastic skin) served by `php -S` on loopback, talking IMAP and
// SMTP to the test Dovecot. Config, SQLite database, logs and temp files live in a temp dir.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../harness/free-port';

const packageConfig = '/etc/roundcube';
const publicHtml = '/var/lib/roundcube/public_html';
const schema = '/usr/share/roundcube/SQL/sqlite.initial.sql';

export interface Roundcube {
  url: string;
  stop(): Promise<void>;
}

const php = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export async function startRoundcube(options: { imapPort: number; smtpPort: number }): Promise<Roundcube> {
  if (!existsSync(publicHtml)) {
    throw new Error(
      'Roundcube is not installed (apt-get install roundcube-core roundcube-sqlite3 php-cli php-sqlite3)',
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-roundcube-'));
  const configDir = path.join(dir, 'config');
  for (const sub of ['config', 'logs', 'temp']) mkdirSync(path.join(dir, sub));
  for (const file of ['defaults.inc.php', 'mimetypes.php']) {
    symlinkSync(path.join(packageConfig, file), path.join(configDir, file));
  }
  const database = path.join(dir, 'roundcube.sqlite');
  writeFileSync(
    path.join(configDir, 'config.inc.php'),
    `<?php
$config = [];
$config['db_dsnw'] = ${php(`sqlite:///${database}?mode=0600`)};
$config['imap_host'] = ${php(`127.0.0.1:${options.imapPort}`)};
$config['smtp_host'] = ${php(`127.0.0.1:${options.smtpPort}`)};
$config['smtp_user'] = '';
$config['smtp_pass'] = '';
$config['log_dir'] = ${php(`${dir}/logs/`)};
$config['temp_dir'] = ${php(`${dir}/temp/`)};
$config['des_key'] = ${php(randomBytes(12).toString('hex'))};
$config['plugins'] = [];
$config['skin'] = 'elastic';
$config['login_rate_limit'] = 0;
$config['enable_installer'] = false;
`,
  );
  execFileSync('php', [
    '-r',
    `$db = new PDO('sqlite:' . $argv[1]); $db->exec(file_get_contents($argv[2])) !== false or exit(1);`,
    database,
    schema,
  ]);
  const port = await freePort();
  const child: ChildProcess = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', publicHtml], {
    env: { ...process.env, ROUNDCUBE_CONFIG_DIR: configDir },
    stdio: 'ignore',
  });
  await waitForPort(port);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Roundcube did not start on port ${port}`);
}
