// One timed Peerpost ingest of a whole program mailbox, with the process's RSS sampled every 100 ms.
// The ingest benchmark imports it, and runs it as its own process for the large mailbox so that the
// peak RSS belongs to ingest alone: `node --import tsx test/bench/ingest-mailbox.ts` with the INGEST_*
// environment below prints one JSON line (INGEST_BATCH=n sets the messages per batch).
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { type Db, openDatabase } from '../../server/src/db/client';
import { connectImap, createImapClient } from '../../server/src/mail/ingest/imap-client';
import { syncMailbox } from '../../server/src/mail/ingest/mailbox-sync';

export function benchImapClient(port: number, user: string) {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    auth: { user, pass: 'secret' },
    logger: false,
  });
  client.on('error', () => {});
  return client;
}

export async function ingestMailbox(
  db: Db,
  port: number,
  user: string,
  mailboxKey: string,
  expected: number,
) {
  // Ingest connects as the `peerpost` server does; the raw baseline keeps imapflow's defaults.
  const client = createImapClient({ host: '127.0.0.1', port, secure: false, user, pass: 'secret' });
  client.on('error', () => {});
  await connectImap(client);
  // Timed from a selected INBOX, as the raw FETCH is and as the sync worker finds it after its first
  // sync (it keeps its connection, and the mailbox selected, between syncs).
  await client.mailboxOpen('INBOX');
  const start = process.memoryUsage();
  const peak = { ...start };
  const sample = () => {
    const usage = process.memoryUsage();
    for (const key of Object.keys(peak) as (keyof NodeJS.MemoryUsage)[])
      peak[key] = Math.max(peak[key], usage[key]);
  };
  const sampler = setInterval(sample, 100);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const batch = process.env.INGEST_BATCH ? Number(process.env.INGEST_BATCH) : undefined;
  const progress = await syncMailbox(client, { db, mailboxKey, checkpointEvery: batch });
  const seconds = (performance.now() - started) / 1000;
  const cpuUsed = process.cpuUsage(cpu);
  clearInterval(sampler);
  sample();
  await client.logout();
  if (progress.fetched !== expected) throw new Error(`ingest saw ${progress.fetched} of ${expected}`);
  if (progress.stored + progress.duplicates !== expected)
    throw new Error(`ingest stored ${progress.stored} of ${expected}: ${JSON.stringify(progress)}`);
  const mb = (bytes: number) => bytes / 2 ** 20;
  return {
    perSecond: expected / seconds,
    seconds,
    /** CPU time of this process (user + system) during the ingest, in seconds. */
    cpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
    startRssMb: mb(start.rss),
    peakRssMb: mb(peak.rss),
    peakHeapMb: mb(peak.heapUsed),
    peakHeapTotalMb: mb(peak.heapTotal),
    peakExternalMb: mb(peak.external),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const database = await openDatabase({ databaseUrl: env('INGEST_DATABASE_URL'), poolSize: 5 });
  const result = await ingestMailbox(
    database.db,
    Number(env('INGEST_IMAP_PORT')),
    env('INGEST_USER'),
    env('INGEST_MAILBOX_KEY'),
    Number(env('INGEST_EXPECTED')),
  );
  await database.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
