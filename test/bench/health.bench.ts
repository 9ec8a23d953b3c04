// Benchmark: full health recompute of many matches (default 100,000 with ~40 messages each) read from the
// database, and the p99 of an incremental recompute after one new message, on PostgreSQL (a throwaway cluster
// started as the test harness does) and on PGlite, each in a process of its own so that memory figures are its
// own. Prints and writes bench-results/health.json: wall and CPU time (this process, and PostgreSQL's own
// processes), peak RSS, a per-chunk profile and the load average, since other work on the machine stretches
// wall times.
// Run: npm run bench:health  (BENCH_DRIVERS=postgres,pglite; BENCH_MATCHES, BENCH_MESSAGES to change scale,
// BENCH_MATCHES_PGLITE for PGlite alone; BENCH_DATA_DIR keeps PGlite's data in a directory to reuse;
// DATABASE_URL runs once against a given PostgreSQL and keeps its data).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Db, openDatabase, queryRows } from '../../server/src/db/client';
import { recomputeAllHealth, recomputeMatchHealth } from '../../server/src/health/recompute';
import { startPostgres } from '../harness/postgres';

const MATCHES = Number(process.env.BENCH_MATCHES ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 40);
const INCREMENTAL_RUNS = Number(process.env.BENCH_INCREMENTAL_RUNS ?? 300);
const NOW = new Date('2026-03-30T12:00:00Z');

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const seconds = (ms: number) => Math.round(ms) / 1000;
const load = () => Math.round(os.loadavg()[0]! * 100) / 100;
const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * CPU seconds used so far by a local PostgreSQL: the postmaster with its exited children, and its live
 * backends. Undefined when the server is not on this machine or its processes cannot be read.
 */
async function databaseCpuSeconds(db: Db): Promise<(() => number) | undefined> {
  try {
    const [row] = await queryRows<{ dir: string }>(db, sql`select current_setting('data_directory') as dir`);
    const postmaster = Number(readFileSync(path.join(row!.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    // Fields after the command: ppid is [1], utime [11], stime [12], cutime [13], cstime [14] (proc(5)).
    const fields = (pid: string) => {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat
        .slice(stat.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
    };
    const total = () => {
      const own = fields(String(postmaster));
      let sum = own[11]! + own[12]! + own[13]! + own[14]!;
      for (const pid of readdirSync('/proc')) {
        if (!/^\d+$/.test(pid)) continue;
        try {
          const child = fields(pid);
          if (child[1] === postmaster) sum += child[11]! + child[12]!;
        } catch {}
      }
      return sum / ticks;
    };
    total();
    return total;
  } catch {
    return undefined;
  }
}

/** Runs every driver in a process of its own and writes their figures together. */
/**
 * The recompute runs with the Node flags the `peerpost` command runs with (its first line, e.g. its heap cap),
 * so that time and memory are what the server shows. HEALTH_NODE_FLAGS="" measures V8's defaults instead.
 */
async function peerpostFlags(): Promise<string[]> {
  if (process.env.HEALTH_NODE_FLAGS !== undefined)
    return process.env.HEALTH_NODE_FLAGS.split(' ').filter(Boolean);
  const { peerpostNodeFlags } = (await import(path.resolve('scripts/bootstrap.mjs'))) as {
    peerpostNodeFlags(): string[];
  };
  return peerpostNodeFlags();
}

async function orchestrate() {
  const nodeFlags = await peerpostFlags();
  log(`node flags: ${nodeFlags.join(' ') || '(V8 defaults)'}`);
  const drivers = (process.env.BENCH_DRIVERS ?? 'postgres,pglite').split(',').filter(Boolean);
  const runs: Record<string, RunResult> = {};
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'peerpost-health-bench-'));
  try {
    for (const driver of drivers) {
      const out = path.join(scratch, `${driver}.json`);
      log(`\n== ${driver} ==`);
      // BENCH_MATCHES_PGLITE=20000 and the like: a smaller scale for one driver, when its setup is too slow.
      const own = process.env[`BENCH_MATCHES_${driver.toUpperCase()}`];
      const scale = own ? { BENCH_MATCHES: own } : {};
      const child = (env: Record<string, string>, flags = nodeFlags) => {
        const done = spawnSync(
          process.execPath,
          [...flags, '--import', 'tsx', fileURLToPath(import.meta.url)],
          {
            stdio: 'inherit',
            env: { ...process.env, BENCH_DRIVER: driver, BENCH_OUT: out, ...scale, ...env },
          },
        );
        if (done.status !== 0) throw new Error(`the ${driver} run failed (${done.status})`);
      };
      if (driver === 'pglite') {
        // PGlite keeps its data in this process's memory: the data is made and stored by one process and
        // recomputed by another, so that the peak memory is the recompute's and not the generator's.
        const BENCH_DATA_DIR = process.env.BENCH_DATA_DIR ?? path.join(scratch, 'pglite-data');
        child({ BENCH_DATA_DIR, BENCH_SETUP_ONLY: '1' }, []);
        child({ BENCH_DATA_DIR });
      } else child({});
      if (!existsSync(out)) throw new Error(`the ${driver} run wrote no result`);
      runs[driver] = JSON.parse(readFileSync(out, 'utf8'));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  log('\nsummary (wall / this process CPU / PostgreSQL CPU, peak RSS, load average during the run):');
  for (const [driver, run] of Object.entries(runs)) {
    for (const [name, full] of [
      ['cold', run.fullRecompute],
      ['warm', run.warmRecompute],
    ] as const) {
      log(
        `  ${driver} ${name}: ${full.seconds} s / ${full.processCpuSeconds} s / ${full.databaseCpuSeconds ?? '-'} s, ` +
          `RSS ${full.peakRssMb} MB (${full.rssBeforeMb} MB before), load ${full.loadAverage.join(' → ')}`,
      );
    }
    log(`  ${driver} incremental: p50 ${run.incremental.p50Ms} ms, p99 ${run.incremental.p99Ms} ms`);
  }
  const result = {
    benchmark: 'health',
    goal: 'full recompute of 100,000 matches in at most 5 s',
    cores: os.availableParallelism(),
    nodeFlags,
    runs,
    node: process.version,
    measuredAt: new Date().toISOString(),
  };
  const file = path.resolve('bench-results/health.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`written ${file}`);
}

type RunResult = NonNullable<Awaited<ReturnType<typeof measure>>>;

async function measure() {
  const cluster =
    process.env.BENCH_DRIVER === 'postgres' && !process.env.DATABASE_URL ? await startPostgres() : undefined;
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL ?? cluster?.url,
    dataDir: process.env.BENCH_DRIVER === 'pglite' ? process.env.BENCH_DATA_DIR : undefined,
  });
  await database.migrate();
  const { db } = database;
  const databaseCpu = database.kind === 'postgres' ? await databaseCpuSeconds(db) : undefined;

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
  if (process.env.BENCH_SETUP_ONLY) {
    await database.close();
    return undefined;
  }
  // Data kept from an earlier run (BENCH_DATA_DIR, DATABASE_URL) has health already: clear it, so the first
  // recompute below writes every match as it does on a fresh database.
  await db.execute(sql`update matches set health_score = null, health_status = null, health_reasons = null,
    health_computed_at = null where health_computed_at is not null`);
  await db.execute(sql`delete from health_snapshots`);

  // Cold: every match gets new health and today's snapshot. Warm: the scheduler's next tick ten minutes
  // later, when little has changed. Peak memory is sampled while they run.
  const fullRecompute = async (now: Date) => {
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 20);
    const loadBefore = load();
    // CPU time of this process and of PostgreSQL: on a shared machine the wall time depends on what else runs.
    const cpu = process.cpuUsage();
    const databaseCpuBefore = databaseCpu?.();
    const start = performance.now();
    const { matches, phases, chunks } = await recomputeAllHealth(db, now, {
      batchSize: process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined,
    });
    const ms = performance.now() - start;
    const { user, system } = process.cpuUsage(cpu);
    const databaseCpuSeconds =
      databaseCpu && databaseCpuBefore !== undefined
        ? Math.round((databaseCpu() - databaseCpuBefore) * 100) / 100
        : null;
    clearInterval(sampler);
    const round = (value: number) => Math.round(value * 10) / 10;
    return {
      matches,
      seconds: seconds(ms),
      processCpuSeconds: seconds((user + system) / 1000),
      databaseCpuSeconds,
      matchesPerSecond: Math.round(matches / (ms / 1000)),
      goalSeconds: 5,
      phasesMs: Object.fromEntries(
        Object.entries(phases).map(([phase, value]) => [phase, Math.round(value)]),
      ),
      rssBeforeMb: mb(rssBefore),
      peakRssMb: mb(peakRss),
      peakHeapMb: mb(peakHeap),
      loadAverage: [loadBefore, load()],
      chunks: chunks.map((chunk) => ({
        matches: chunk.matches,
        loadMs: round(chunk.loadMs),
        assessMs: round(chunk.assessMs),
        storeMs: round(chunk.storeMs),
        cpuMs: round(chunk.cpuMs),
        written: chunk.written,
      })),
    };
  };
  const cold = await fullRecompute(NOW);
  const warm = await fullRecompute(new Date(NOW.getTime() + 10 * 60_000));
  for (const [name, run] of Object.entries({ cold, warm })) {
    // Smallest, median and largest chunk: one slow chunk is the machine, all slow chunks are the code.
    const spread = (key: 'loadMs' | 'assessMs' | 'storeMs' | 'cpuMs') => {
      const sorted = run.chunks.map((chunk) => chunk[key]).sort((a, b) => a - b);
      return [sorted[0], sorted[sorted.length >> 1], sorted[sorted.length - 1]].join('/');
    };
    log(
      `full recompute (${name}): ${run.matches} matches in ${run.seconds} s (this process: ${run.processCpuSeconds} s CPU, ` +
        `PostgreSQL: ${run.databaseCpuSeconds ?? '-'} s CPU), ${JSON.stringify(run.phasesMs)} ` +
        `(RSS ${run.rssBeforeMb} MB before, peak ${run.peakRssMb} MB, heap ${run.peakHeapMb} MB, load ${run.loadAverage.join(' → ')})`,
    );
    log(
      `  per chunk of ${run.chunks[0]?.matches ?? 0} (min/median/max ms): load ${spread('loadMs')}, ` +
        `assess ${spread('assessMs')}, store ${spread('storeMs')}, CPU ${spread('cpuMs')}`,
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
  const incrementalLoadBefore = load();
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
    loadAverage: [incrementalLoadBefore, load()],
  };
  log(
    `incremental recompute after one message: p50 ${incremental.p50Ms} ms, p99 ${incremental.p99Ms} ms ` +
      `(the insert itself: p50 ${incremental.insertP50Ms} ms, p99 ${incremental.insertP99Ms} ms; ${durations.length} runs)`,
  );

  await database.close();
  await cluster?.stop();
  return {
    database: database.kind,
    storage: database.kind === 'postgres' ? 'server' : process.env.BENCH_DATA_DIR ? 'file' : 'memory',
    matches: counts!.matches,
    messages: counts!.messages,
    setupSeconds,
    fullRecompute: cold,
    warmRecompute: warm,
    incremental,
    statusDistribution: Object.fromEntries(distribution.map((row) => [row.status, row.n])),
  };
}

if (process.env.BENCH_DRIVER || process.env.DATABASE_URL) {
  const result = await measure();
  if (!result) process.exit(0);
  const out = process.env.BENCH_OUT ?? path.resolve(`bench-results/health-${result.database}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  if (!process.env.BENCH_OUT) log(`written ${out}`);
} else {
  await orchestrate();
}
