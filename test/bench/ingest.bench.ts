// Benchmark: Peerpost's full ingest (IMAP fetch, parse, features, attribution, store) against a raw
// imapflow FETCH of the same messages (envelope + headers + body) in the same run, from a local Dovecot;
// then the peak RSS while ingesting a much larger mailbox. Writes bench-results/ingest.json.
// Not part of `npm test`.
// Each round has a program and mailbox of its own with the same generated mail (raw, ingest, raw), so
// the first round shows a process that has not run ingest yet and the later ones a warmed-up one.
// Usage: npm run bench:ingest [-- --messages 10000 --large 100000 --rounds 3]
//   (DATABASE_URL set → that PostgreSQL, else a throwaway PostgreSQL cluster)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/src/db/client';
import { onMessageIngested } from '../../server/src/mail/ingest/hooks';
import { type ProgramFixture, seedProgram } from '../../server/src/mail/ingest/testing';
import { seededRandom } from '../../shared/src/seeded-random';
import { startDovecot } from '../harness/dovecot';
import { startPostgres } from '../harness/postgres';
import { benchImapClient, ingestMailbox } from './ingest-mailbox';
import { findServers, serverCpu, serverCpuSince } from './server-cpu';

const { values } = parseArgs({
  options: { messages: { type: 'string' }, large: { type: 'string' }, rounds: { type: 'string' } },
});
const rounds = Number(values.rounds ?? 3);
const count = Number(values.messages ?? 10_000);
const largeCount = Number(values.large ?? 100_000);
const rssLimitMb = 250;
const pairCount = 200;

/** Pair traffic as it arrives in a program mailbox: replies with quotes, questions, some strangers. */
function* programMail(fixture: ProgramFixture, total: number, seed: number): Generator<Buffer> {
  const random = seededRandom(seed);
  const domain = fixture.address.split('@')[1];
  const sentence = () =>
    random.pick([
      'I tried the exercise from last week and it went better than expected.',
      'Could we move our call to Thursday afternoon?',
      'The feedback on my draft was mostly about structure, which surprised me.',
      'What would you do differently if you started this project again?',
      'Thanks for the pointer to that book, I am halfway through it.',
    ]);
  for (let i = 0; i < total; i++) {
    const pair = random.pick(fixture.pairs);
    const [from, to] = random.chance(0.5) ? pair.members : [...pair.members].reverse();
    const style = random.next();
    const recipients =
      style < 0.6
        ? [`To: ${to}, ${fixture.address.replace('@', `+p-${pair.token}@`)}`, `Cc: ${fixture.address}`]
        : style < 0.95
          ? [`To: ${to}`, `Cc: ${fixture.address}`]
          : [`To: ${fixture.address}`];
    const sender = style < 0.95 ? from : `stranger${i}@example.net`;
    const references = style >= 0.6 && style < 0.8 ? [`References: ${pair.rootMessageId}`] : [];
    const body = Array.from({ length: random.int(2, 8) }, sentence).join(' ');
    const quoted = Array.from({ length: random.int(0, 12) }, () => `> ${sentence()}`).join('\r\n');
    yield Buffer.from(
      [
        `Message-ID: <bench-${seed}-${i}@${domain}>`,
        `From: ${sender}`,
        ...recipients,
        `Subject: Re: Meet your peer (${i})`,
        `Date: ${new Date(Date.UTC(2026, 2, 1) + i * 60_000).toUTCString()}`,
        ...references,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
        '',
        quoted ? `On Mon, 2 Mar 2026 at 10:00, ${to} wrote:\r\n${quoted}` : '',
        '',
      ].join('\r\n'),
    );
  }
}

/** The baseline: one FETCH of every message with envelope, headers and body, nothing else done. */
async function rawFetch(port: number, user: string) {
  const client = benchImapClient(port, user);
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  let fetched = 0;
  let bytes = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for await (const message of client.fetch('1:*', {
    uid: true,
    envelope: true,
    headers: true,
    source: true,
  })) {
    fetched++;
    bytes += message.source?.length ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  lock.release();
  await client.logout();
  if (fetched !== count) throw new Error(`raw fetch saw ${fetched} of ${count}`);
  return { perSecond: fetched / seconds, bytes, cpuSeconds };
}

/** CPU time (user + system) of this process since `start`, in seconds. */
function cpuSecondsSince(start: NodeJS.CpuUsage) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

const { peerpostNodeFlags } = (await import(path.resolve('scripts/bootstrap.mjs'))) as {
  peerpostNodeFlags(): string[];
};
/**
 * The large ingest runs with the Node flags the `peerpost` command runs with (its first line), so its RSS
 * is what a user sees. INGEST_NODE_FLAGS="" measures V8's defaults instead.
 */
const nodeFlags = (process.env.INGEST_NODE_FLAGS ?? peerpostNodeFlags().join(' ')).split(' ').filter(Boolean);
const load = () => os.loadavg().map((value) => Number(value.toFixed(2)));
const loadAtStart = load();

/** The large mailbox is ingested by a process of its own, so its peak RSS is ingest's alone. */
function ingestInChild(databaseUrl: string, user: string, mailboxKey: string, expected: number) {
  // INGEST_CPU_PROFILE_DIR=dir writes a CPU profile of the large ingest there.
  const profile = process.env.INGEST_CPU_PROFILE_DIR;
  const flags = [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), ...nodeFlags];
  const child = spawnSync(
    process.execPath,
    [...flags, '--import', 'tsx', path.resolve('test/bench/ingest-mailbox.ts')],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        INGEST_DATABASE_URL: databaseUrl,
        INGEST_IMAP_PORT: String(dovecot.imapPort),
        INGEST_USER: user,
        INGEST_MAILBOX_KEY: mailboxKey,
        INGEST_EXPECTED: String(expected),
      },
    },
  );
  if (child.status !== 0) throw new Error(`large ingest failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Awaited<ReturnType<typeof ingestMailbox>>;
}

const smallAddresses = Array.from({ length: rounds }, (_, r) => `program${r}@example.org`);
const large = 'bulk@example.org';
const dovecot = await startDovecot([...smallAddresses, large]);
const cluster = process.env.DATABASE_URL ? undefined : await startPostgres();
const databaseUrl = process.env.DATABASE_URL ?? cluster!.url;
const database = await openDatabase({ databaseUrl, poolSize: 5 });
await database.migrate();
// Health recompute after each attributed message is part of ingest in production, so it stays on.
const hooks = onMessageIngested.length;

const pairs = (prefix: string) =>
  Array.from({ length: pairCount }, (_, i) => [`${prefix}a${i}@example.org`, `${prefix}b${i}@example.org`]);
const smallPrograms: ProgramFixture[] = [];
for (const [r, address] of smallAddresses.entries())
  smallPrograms.push(
    await seedProgram(database.db, { address, pairs: pairs(`s${r}`), mailboxKey: `small${r}` }),
  );
const largeProgram = await seedProgram(database.db, {
  address: large,
  pairs: pairs('l'),
  mailboxKey: 'bulk',
});

let loading = performance.now();
for (const [r, address] of smallAddresses.entries())
  dovecot.fillMaildir(address, programMail(smallPrograms[r]!, count, 1));
dovecot.fillMaildir(large, programMail(largeProgram, largeCount, 2));
const loadSeconds = (performance.now() - loading) / 1000;
// Let Dovecot index every mailbox before anything is timed.
loading = performance.now();
for (const user of [...smallAddresses, large]) {
  const client = benchImapClient(dovecot.imapPort, user);
  await client.connect();
  await client.mailboxOpen('INBOX');
  await client.logout();
}
const indexSeconds = (performance.now() - loading) / 1000;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const loadBeforeTimed = load();
const servers = findServers(cluster?.port ?? (Number(new URL(databaseUrl).port) || 5432), dovecot.imapPort);
/** Runs a phase and adds the CPU seconds Dovecot and PostgreSQL spent meanwhile (null off Linux). */
const withServerCpu = async <T>(phase: () => Promise<T>) => {
  const start = serverCpu(servers);
  const result = await phase();
  return { ...result, serverCpuSeconds: serverCpuSince(servers, start) };
};
const timed = [];
for (const [r, address] of smallAddresses.entries()) {
  const rawBefore = await withServerCpu(() => rawFetch(dovecot.imapPort, address));
  const ingest = await withServerCpu(() =>
    ingestMailbox(database.db, dovecot.imapPort, address, `small${r}`, count),
  );
  const rawAfter = await withServerCpu(() => rawFetch(dovecot.imapPort, address));
  const rawPerSecond = (rawBefore.perSecond + rawAfter.perSecond) / 2;
  const rawCpuSeconds = (rawBefore.cpuSeconds + rawAfter.cpuSeconds) / 2;
  timed.push({
    rawFetchMessagesPerSecond: [Math.round(rawBefore.perSecond), Math.round(rawAfter.perSecond)],
    ingestMessagesPerSecond: Math.round(ingest.perSecond),
    ratio: round(ingest.perSecond / rawPerSecond, 3),
    /** CPU time of this Node process (user + system); Dovecot's and PostgreSQL's are not included. */
    cpuSeconds: { rawFetch: round(rawCpuSeconds), ingest: round(ingest.cpuSeconds) },
    cpuRatio: round(rawCpuSeconds / ingest.cpuSeconds, 3),
    /** Wall seconds of each phase, and the CPU seconds Dovecot's and PostgreSQL's processes used in it. */
    seconds: { rawBefore: round(count / rawBefore.perSecond), ingest: round(ingest.seconds) },
    serverCpuSeconds: { rawBefore: rawBefore.serverCpuSeconds, ingest: ingest.serverCpuSeconds },
    averageMessageBytes: Math.round(rawBefore.bytes / count),
    loadAverage1m: round(os.loadavg()[0]!),
  });
}
const loadAfterTimed = load();
const bulk = ingestInChild(databaseUrl, large, 'bulk', largeCount);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const warm = timed.slice(1);

const result = {
  benchmark: 'ingest',
  database: database.kind,
  messages: count,
  averageMessageBytes: timed[0]!.averageMessageBytes,
  pairs: pairCount,
  healthHooks: hooks,
  maildirLoadSeconds: Number(loadSeconds.toFixed(1)),
  dovecotIndexSeconds: Number(indexSeconds.toFixed(1)),
  /** 1, 5 and 15 minute load averages: at the start, around the timed runs, at the end (2 cores shared). */
  loadAverage: { start: loadAtStart, beforeTimed: loadBeforeTimed, afterTimed: loadAfterTimed, end: load() },
  cpus: os.cpus().length,
  /** Ingest messages/s over the mean of the raw runs beside it: the first round, then the later ones. */
  firstRoundRatio: timed[0]!.ratio,
  laterRoundsMedianRatio: warm.length ? median(warm.map((t) => t.ratio)) : null,
  ratio: median(timed.map((t) => t.ratio)),
  target: 0.6,
  rounds: timed,
  large: {
    messages: largeCount,
    nodeFlags: nodeFlags.join(' '),
    seconds: Number(bulk.seconds.toFixed(1)),
    cpuSeconds: round(bulk.cpuSeconds, 1),
    messagesPerSecond: Math.round(bulk.perSecond),
    rssBeforeIngestMb: Math.round(bulk.startRssMb),
    peakRssMb: Math.round(bulk.peakRssMb),
    peakHeapMb: Math.round(bulk.peakHeapMb),
    peakHeapTotalMb: Math.round(bulk.peakHeapTotalMb),
    peakExternalMb: Math.round(bulk.peakExternalMb),
    limitMb: rssLimitMb,
  },
};
if (result.ratio < result.target) console.warn(`ratio below target: ${result.ratio} < ${result.target}`);
if (result.large.peakRssMb > rssLimitMb) console.warn(`peak RSS above ${rssLimitMb} MB`);
console.log(JSON.stringify(result, null, 2));
mkdirSync('bench-results', { recursive: true });
writeFileSync(path.join('bench-results', 'ingest.json'), `${JSON.stringify(result, null, 2)}\n`);
await database.close();
await dovecot.stop();
await cluster?.stop();
