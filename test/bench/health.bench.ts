// Benchmark: full health recompute of many matches (default 100,000 with ~40 messages each) read from the
// database, and the p99 of an incremental recompute after one new message. Writes bench-results/health.json.
// Run: npm run bench:health  (BENCH_MATCHES, BENCH_MESSAGES, BENCH_DATA_DIR to change scale or use a file;
// BENCH_DB=postgres for a throwaway PostgreSQL cluster, DATABASE_URL for a given one; PGlite in memory otherwise).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../server/src/db/client';
import { recomputeAllHealth, recomputeMatchHealth } from '../../server/src/health/recompute';
import { startPostgres } from '../harness/postgres';

const MATCHES = Number(process.env.BENCH_MATCHES ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 40);
const INCREMENTAL_RUNS = Number(process.env.BENCH_INCREMENTAL_RUNS ?? 300);
const NOW = new Date('2026-03-30T12:00:00Z');

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const seconds = (ms: number) => Math.round(ms) / 1000;

async function main() {
  const cluster =
    process.env.BENCH_DB === 'postgres' && !process.env.DATABASE_URL ? await startPostgres() : undefined;
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL ?? cluster?.url,
    dataDir: process.env.BENCH_DATA_DIR,
  });
  await database.migrate();
  const { db } = database;
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const setupStart = performance.now();
  const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from matches`);
  if ((existing?.n ?? 0) < MATCHES) {
    log(`generating ${MATCHES} matches with ${MESSAGES} messages each…`);
    await db.execute(sql`insert into organisations (name, slug) values ('Bench', 'bench')`);
    await db.execute(sql`insert into programs (organisation_id, name, slug, status, address)
      select id, 'Bench', 'bench', 'running', 'bench@example.org' from organisations where slug = 'bench'`);
    await db.execute(sql`insert into users (email, name)
      select 'u' || g || s || '@example.org', 'User ' || g || s
      from generate_series(1, ${MATCHES}) g, (values ('a'), ('b')) as sides(s)`);
    await db.execute(sql`insert into participants (program_id, user_id, career_stage)
      select p.id, u.id, 'mid' from users u, programs p where p.slug = 'bench'`);
    await db.execute(sql`insert into matches (program_id, status, token, started_at)
      select p.id, 'active', 'b' || g, ${NOW.toISOString()}::timestamptz - ((60 + g % 30) || ' days')::interval
      from generate_series(1, ${MATCHES}) g, programs p where p.slug = 'bench'`);
    await db.execute(sql`insert into match_members (match_id, participant_id, user_id)
      select m.id, pa.id, u.id from matches m
      join users u on u.email in ('u' || substr(m.token, 2) || 'a@example.org', 'u' || substr(m.token, 2) || 'b@example.org')
      join participants pa on pa.user_id = u.id`);
    log(`  people and matches: ${seconds(performance.now() - setupStart)} s`);
    // Threads of varied shape: some lively, some gone quiet, some one-sided, a few auto-replies.
    await db.execute(sql`insert into messages (program_id, match_id, message_id, from_address, sent_at,
        new_text_chars, question_count, auto_reply)
      select m.program_id, m.id, '<' || m.token || '.' || k || '@bench>',
        'u' || substr(m.token, 2) || (case when k % 2 = 0 then 'a' else 'b' end) || '@example.org',
        m.started_at + ((k * (1.0 + (hashtext(m.token) & 7) * 0.25)) || ' days')::interval,
        case when k % 2 = 1 and hashtext(m.token) % 5 = 0 then 40 else 300 + (k * 37) % 900 end,
        (k + hashtext(m.token)) % 3,
        k = 7 and hashtext(m.token) % 11 = 0
      from matches m, generate_series(1, ${MESSAGES}) k`);
    await db.execute(sql`insert into check_ins (match_id, user_id, due_at, answered_at, score)
      select mm.match_id, mm.user_id, ${NOW.toISOString()}::timestamptz - interval '7 days',
        ${NOW.toISOString()}::timestamptz - interval '6 days', 1 + abs(hashtext(mm.user_id::text)) % 5
      from match_members mm`);
    await db.execute(sql`analyze`);
  }
  const [counts] = await queryRows<{ matches: number; messages: number }>(
    db,
    sql`select (select count(*)::int from matches) as matches, (select count(*)::int from messages) as messages`,
  );
  const setupSeconds = seconds(performance.now() - setupStart);
  log(`data: ${counts!.matches} matches, ${counts!.messages} messages (setup ${setupSeconds} s)`);
  // Data kept from an earlier run (BENCH_DATA_DIR, DATABASE_URL) has health already: clear it, so the first
  // recompute below writes every match as it does on a fresh database.
  await db.execute(sql`update matches set health_score = null, health_status = null, health_reasons = null,
    health_computed_at = null where health_computed_at is not null`);
  await db.execute(sql`delete from health_snapshots`);

  // Cold: every match gets new health and today's snapshot. Warm: the scheduler's next tick ten minutes
  // later, when little has changed. Peak memory is sampled while they run.
  const fullRecompute = async (now: Date) => {
    let peakRss = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 20);
    const loadBefore = os.loadavg()[0]!;
    // CPU time of this process too: on a shared machine the wall time depends on what else runs.
    const cpu = process.cpuUsage();
    const start = performance.now();
    const { matches, phases } = await recomputeAllHealth(db, now, {
      batchSize: process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined,
    });
    const ms = performance.now() - start;
    const { user, system } = process.cpuUsage(cpu);
    clearInterval(sampler);
    return {
      matches,
      seconds: seconds(ms),
      processCpuSeconds: seconds((user + system) / 1000),
      matchesPerSecond: Math.round(matches / (ms / 1000)),
      goalSeconds: 5,
      phasesMs: Object.fromEntries(
        Object.entries(phases).map(([phase, value]) => [phase, Math.round(value)]),
      ),
      peakRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
      loadAverage: [loadBefore, os.loadavg()[0]!],
    };
  };
  const cold = await fullRecompute(NOW);
  const warm = await fullRecompute(new Date(NOW.getTime() + 10 * 60_000));
  for (const [name, run] of Object.entries({ cold, warm })) {
    log(
      `full recompute (${name}): ${run.matches} matches in ${run.seconds} s (this process: ${run.processCpuSeconds} s CPU), ` +
        `${JSON.stringify(run.phasesMs)} ` +
        `(peak RSS ${run.peakRssMb} MB, heap ${run.peakHeapMb} MB, load ${run.loadAverage.join(' → ')})`,
    );
  }
  const distribution = await queryRows<{ status: string; n: number }>(
    db,
    sql`select health_status as status, count(*)::int as n from matches group by 1 order by 2 desc`,
  );

  // Incremental: one new message arrives (its insert also refreshes the match's compact thread), then the
  // match is recomputed, as the ingest does. Both are timed.
  const ids = await queryRows<{ id: string; token: string; program_id: string }>(
    db,
    sql`select id, token, program_id from matches order by random() limit ${INCREMENTAL_RUNS}`,
  );
  const run = Date.now().toString(36);
  const inserts: number[] = [];
  const durations: number[] = [];
  for (const [k, match] of ids.entries()) {
    const at = new Date(NOW.getTime() - 3_600_000);
    const insertStart = performance.now();
    await db.execute(sql`insert into messages (program_id, match_id, message_id, from_address, sent_at, new_text_chars)
      values (${match.program_id}, ${match.id}, ${`<incremental.${run}.${k}@bench>`},
        ${`u${match.token.slice(1)}a@example.org`}, ${at.toISOString()}::timestamptz, 500)`);
    const start = performance.now();
    inserts.push(start - insertStart);
    await recomputeMatchHealth(db, match.id, NOW);
    durations.push(performance.now() - start);
  }
  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 100) / 100;
  };
  const incremental = {
    runs: durations.length,
    p50Ms: pct(durations, 0.5),
    p99Ms: pct(durations, 0.99),
    insertP50Ms: pct(inserts, 0.5),
    insertP99Ms: pct(inserts, 0.99),
  };
  log(
    `incremental recompute after one message: p50 ${incremental.p50Ms} ms, p99 ${incremental.p99Ms} ms ` +
      `(the insert itself: p50 ${incremental.insertP50Ms} ms, p99 ${incremental.insertP99Ms} ms; ${durations.length} runs)`,
  );

  const result = {
    benchmark: 'health',
    database: database.kind,
    storage: database.kind === 'postgres' ? 'server' : process.env.BENCH_DATA_DIR ? 'file' : 'memory',
    matches: counts!.matches,
    messages: counts!.messages,
    setupSeconds,
    fullRecompute: cold,
    warmRecompute: warm,
    incremental,
    statusDistribution: Object.fromEntries(distribution.map((row) => [row.status, row.n])),
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  const out = path.resolve(`bench-results/health${database.kind === 'postgres' ? '-postgres' : ''}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${out}`);
  await database.close();
  await cluster?.stop();
}

await main();
