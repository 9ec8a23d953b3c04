// The outbox worker alone in its own process, configured from the environment like the server
// (DATABASE_URL, SMTP_*, IMAP_*, PROGRAM_ADDRESS) plus OUTBOX_LOCK_MS / OUTBOX_CONCURRENCY for tests.
// Prints "ready" once it runs; SIGTERM stops it gracefully, SIGKILL is what the crash tests use.
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/client';
import { startOutboxWorker } from '../../server/src/mail/send/start-outbox-worker';

const config = loadConfig(process.env);
const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 4,
});
const stop = await startOutboxWorker(
  { config, database, logger, instanceId: `${process.pid}-${randomUUID()}` },
  {
    lockMs: Number(process.env.OUTBOX_LOCK_MS ?? 60_000),
    concurrency: Number(process.env.OUTBOX_CONCURRENCY ?? 5),
    pollMs: 50,
    backoff: { baseMs: 50, maxMs: 500, maxAttempts: 50 },
  },
);
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
