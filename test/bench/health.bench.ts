// Benchmark: full health recompute of many matches (default 100,000 with ~40 messages each) read from the
// database, and the p99 of an incremental recompute after one new message. Writes bench-results/health.json.
// Run: npm run bench:health  (BENCH_MATCHES, BENCH_MESSAGES, BENCH_DATA_DIR to change scale or use a file).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../server/src/db/client';
import { recomputeAllHealth, recomputeMatchHealth } from '../../server/src/health/recompute';

const MATCHES = Number(process.env.BENCH_MATCHES ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 40);
const INCREMENTAL_RUNS = Number(process.env.BENCH_INCREMENTAL_RUNS ?? 300);
const NOW = new Date('2026-03-30T12:00:00Z');

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const seconds = (ms: number) => Math.round(ms) / 1000;

async function main() {
  const database = await openDatabase({ dataDir: process.env.BENCH_DATA_DIR });
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

  // Full recompute, with peak memory sampled while it runs.
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const fullStart = performance.now();
  const { matches } = await recomputeAllHealth(db, NOW, {
    batchSize: Number(process.env.BENCH_BATCH ?? 2000),
  });
  const fullMs = performance.now() - fullStart;
  clearInterval(sampler);
  log(
    `full recompute: ${matches} matches in ${seconds(fullMs)} s (peak RSS ${mb(peakRss)} MB, heap ${mb(peakHeap)} MB)`,
  );
  const distribution = await queryRows<{ status: string; n: number }>(
    db,
    sql`select health_status as status, count(*)::int as n from matches group by 1 order by 2 desc`,
  );

  // Incremental: one new message arrives, then the match is recomputed (what the ingest does).
  const ids = await queryRows<{ id: string; token: string; program_id: string }>(
    db,
    sql`select id, token, program_id from matches order by random() limit ${INCREMENTAL_RUNS}`,
  );
  const durations: number[] = [];
  for (const [k, match] of ids.entries()) {
    const at = new Date(NOW.getTime() - 3_600_000);
    await db.execute(sql`insert into messages (program_id, match_id, message_id, from_address, sent_at, new_text_chars)
      values (${match.program_id}, ${match.id}, ${`<incremental.${k}@bench>`},
        ${`u${match.token.slice(1)}a@example.org`}, ${at.toISOString()}::timestamptz, 500)`);
    const start = performance.now();
    await recomputeMatchHealth(db, match.id, NOW);
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]! * 100) / 100;
  log(
    `incremental recompute after one message: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (${durations.length} runs)`,
  );

  const result = {
    benchmark: 'health',
    database: database.kind,
    storage: process.env.BENCH_DATA_DIR ? 'file' : 'memory',
    matches: counts!.matches,
    messages: counts!.messages,
    setupSeconds,
    fullRecompute: {
      seconds: seconds(fullMs),
      matchesPerSecond: Math.round(matches / (fullMs / 1000)),
      goalSeconds: 5,
      peakRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
    },
    incremental: { runs: durations.length, p50Ms: pct(0.5), p99Ms: pct(0.99) },
    statusDistribution: Object.fromEntries(distribution.map((row) => [row.status, row.n])),
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  const out = path.resolve('bench-results/health.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${out}`);
  await database.close();
}

await main();
