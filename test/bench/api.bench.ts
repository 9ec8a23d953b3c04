// Benchmark: GET /api/context (the sidebar's main call) against a database of 10,000 matches, next to a
// bare Hono route that returns a JSON body of the same size, in the same run, over loopback, for a bounded
// duration (after an untimed warm-up of each); on PGlite and on a throwaway PostgreSQL. Goal (issue 6): context ≥ 0.3 × bare throughput and
// p99 < 20 ms on PGlite. Writes bench-results/api.json. Run: npm run bench:api (BENCH_SECONDS, BENCH_MATCHES).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { type Database, openDatabase } from '../../server/src/db/client';
import { createLogger } from '../../server/src/logger';
import { freePort } from '../harness/free-port';
import { startPostgres } from '../harness/postgres';
import { seedContextDatabase } from './api-seed';

const MATCHES = Number(process.env.BENCH_MATCHES ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const log = (line: string) => process.stdout.write(`${line}\n`);

async function listen(fetch: (request: Request) => Response | Promise<Response>) {
  const port = await freePort();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(instance));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function load(url: string, headers: Record<string, string>) {
  // Untimed warm-up first, the same for both servers, so that neither is measured while still compiling.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: WARMUP_SECONDS });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * The sidebar opening threads it has not asked about before: the coordinator asks for a different pair on
 * every request (never twice, so nothing comes from memory): the cost of building a context. Plus-tokens
 * have at least four characters, so pairs b1000… are asked.
 */
async function loadDistinctThreads(url: string, headers: Record<string, string>) {
  let next = 0;
  const threads = (duration: number) =>
    autocannon({
      url,
      headers,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: `/api/context?plusTokens=b${1000 + (next++ % (MATCHES - 999))}`,
          }),
        },
      ],
    });
  await threads(WARMUP_SECONDS);
  const result = await threads(SECONDS);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    distinctThreadsAsked: Math.min(next, MATCHES - 999),
  };
}

async function measure(kind: string, database: Database) {
  const started = performance.now();
  const { token, plusToken, coordinatorToken } = await seedContextDatabase(database, MATCHES);
  log(`${kind}: seeded ${MATCHES} matches in ${Math.round(performance.now() - started)} ms`);
  const ctx = {
    config: loadConfig({ LOG_LEVEL: 'silent', PEERPOST_DEMO: 'false', API_RATE_LIMIT: '0' }),
    database,
    logger: createLogger('silent'),
    instanceId: 'bench',
  };
  const app = createApp(ctx);
  const path = `/api/context?plusTokens=${plusToken}`;
  const headers = { authorization: `Bearer ${token}` };
  const sample = await app.request(path, { headers });
  if (sample.status !== 200) throw new Error(`context answered ${sample.status}: ${await sample.text()}`);
  const body = await sample.json();
  const bare = new Hono().get('/bare', (c) => c.json(body));
  // API_RATE_LIMIT=0 above: from one loopback client the per-client limit would throttle the load test.
  const api = await listen(app.fetch);
  const plain = await listen(bare.fetch);
  try {
    const context = await load(`${api.url}${path}`, headers);
    const baseline = await load(`${plain.url}/bare`, {});
    const firstViews = await loadDistinctThreads(api.url, { authorization: `Bearer ${coordinatorToken}` });
    const ratio = Math.round((context.requestsPerSecond / baseline.requestsPerSecond) * 100) / 100;
    log(
      `${kind}: context ${context.requestsPerSecond} req/s p99 ${context.p99Ms} ms | bare ${baseline.requestsPerSecond} req/s p99 ${baseline.p99Ms} ms | ratio ${ratio} | first view of a thread ${firstViews.requestsPerSecond} req/s p99 ${firstViews.p99Ms} ms`,
    );
    return {
      kind,
      bodyBytes: JSON.stringify(body).length,
      context,
      bare: baseline,
      ratio,
      contextFirstViewOfEachThread: firstViews,
    };
  } finally {
    await api.close();
    await plain.close();
  }
}

async function main() {
  const loadAtStart = os.loadavg();
  const results = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'peerpost-bench-api-'));
  try {
    const pglite = await openDatabase({ dataDir: dir });
    await pglite.migrate();
    results.push(await measure('pglite', pglite));
    await pglite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const postgres = await startPostgres();
  try {
    const database = await openDatabase({ databaseUrl: postgres.url });
    await database.migrate();
    results.push(await measure('postgresql', database));
    await database.close();
  } finally {
    await postgres.stop();
  }
  const output = {
    matches: MATCHES,
    seconds: SECONDS,
    connections: CONNECTIONS,
    goal: { ratioAtLeast: 0.3, pgliteP99MsBelow: 20 },
    results,
    cpus: os.cpus().length,
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    node: process.version,
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(path.join('bench-results', 'api.json'), `${JSON.stringify(output, null, 2)}\n`);
  log(JSON.stringify(output, null, 2));
}

await main();
