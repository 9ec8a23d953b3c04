// One mailbox sync in a process of its own, configured from the environment like the server (DATABASE_URL,
// IMAP_*). With SYNC_KILL_AFTER_CHECKPOINT=1 the process SIGKILLs itself as soon as the first batch is
// written and the checkpoint has moved past it, before the hooks run: the crash the follow-ups survive.
import { pino } from 'pino';
import { loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/client';
import { createImapClient } from '../../server/src/mail/ingest/imap-client';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';

const config = loadConfig(process.env);
if (!config.mailbox.imap) throw new Error('IMAP_* must be set');
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 4,
});
const client = createImapClient(config.mailbox.imap);
client.on('error', () => {});
await client.connect();
const kill = process.env.SYNC_KILL_AFTER_CHECKPOINT === '1';
const progress = await syncMailbox(client, {
  db: database.db,
  mailboxKey: config.mailbox.key,
  logger,
  // However slow a busy machine makes the first batch, its hooks must not have started when it dies.
  ...(kill ? { hookEveryMs: 3_600_000 } : {}),
  onProgress: () => {
    if (kill) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(`${JSON.stringify(progress)}\n`);
await client.logout();
await database.close();
