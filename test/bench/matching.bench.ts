// Benchmark of the matching solver against networkx `max_weight_matching` on the same graphs, same run:
// a dense program (every allowed pair), a very large program on its sparse candidate graph, and the gap
// between sparse and exact on a mid-sized one. Writes bench-results/matching.json.
// Run: npm run bench:matching  (BENCH_DENSE, BENCH_SPARSE, BENCH_SPARSE_K, BENCH_GAP, BENCH_NX_TIMEOUT_S,
// BENCH_NX_CPU_LIMIT_S and BENCH_SPARSE_TIMEOUT_S change the scale and bounds). The sparse case runs in a child process, so a slow
// run is stopped at its bound and reported as such instead of hanging the bench.
// Or:  npm run bench:matching -- --graph file.json   ({"n": N, "edges": [[u, v, w], …]} → weight, pairs, ms)
// Or:  npm run bench:matching -- --only dense,gap      (some parts; the others' results in the JSON are kept)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { denseGraph, sparseGraph } from '../../shared/src/matching/candidate-graph';
import { type MatchingProfile, prepareProfile } from '../../shared/src/matching/compatibility';
import { certificateProblem } from '../../shared/src/matching/matching-certificate';
import {
  matchingWeight,
  maxWeightMatching,
  solveWithDuals,
  type WeightedEdge,
} from '../../shared/src/matching/max-weight-matching';
import { defaultMatchingWeights } from '../../shared/src/matching/weights';
import { seededRandom } from '../../shared/src/seeded-random';

const DENSE = Number(process.env.BENCH_DENSE ?? 2000);
const DENSE_CHECK = Number(process.env.BENCH_DENSE_CHECK ?? 600);
const SPARSE = Number(process.env.BENCH_SPARSE ?? 50_000);
const GAP = Number(process.env.BENCH_GAP ?? 5000);
const SPARSE_K = Number(process.env.BENCH_SPARSE_K ?? 8);
const NX_TIMEOUT_S = Number(process.env.BENCH_NX_TIMEOUT_S ?? 3600);
const NX_CPU_LIMIT_S = Number(process.env.BENCH_NX_CPU_LIMIT_S ?? 1800);
const SPARSE_TIMEOUT_S = Number(process.env.BENCH_SPARSE_TIMEOUT_S ?? 600);
const reference = new Date('2026-03-02T12:00:00Z');
const log = (line: string) => process.stdout.write(`${line}\n`);
/** Progress goes to stderr, so stdout stays the result (the --graph and child-process protocols). */
const progress = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** Wall and CPU milliseconds of fn (CPU: this process, user + system; others share the machine). */
function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return {
    value,
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
  };
}

function solve(n: number, edges: readonly WeightedEdge[]) {
  const { value: mate, ms, cpuMs } = timed(() => maxWeightMatching(n, edges));
  const pairs: [number, number][] = [];
  mate.forEach((v, u) => {
    if (v > u) pairs.push([u, v]);
  });
  return { weight: matchingWeight(mate, edges), pairs, ms, cpuMs };
}

/** A program's people with realistic variety: stages, skills, goals, teams, time zones, languages. */
function syntheticProfiles(count: number, seed: number): MatchingProfile[] {
  const random = seededRandom(seed);
  const skills = Array.from({ length: 60 }, (_, i) => `skill-${i}`);
  const goals = Array.from({ length: 12 }, (_, i) => `goal-${i}`);
  const zones = [
    'UTC',
    'Europe/Berlin',
    'Europe/London',
    'America/New_York',
    'America/Chicago',
    'Asia/Kolkata',
  ];
  const stages = ['early-career', 'mid-career', 'senior'];
  return Array.from({ length: count }, (_, i) => ({
    id: `p${String(i).padStart(6, '0')}`,
    name: `Person ${i}`,
    email: `p${i}@bench.example`,
    careerStage: random.pick(stages),
    skillsOffered: random.sample(skills, random.int(1, 4)),
    skillsSought: random.sample(skills, random.int(1, 4)),
    goals: random.sample(goals, random.int(0, 3)),
    team: `team-${random.int(0, 40)}`,
    languages: random.chance(0.9) ? ['English'] : ['German'],
    timeZone: random.pick(zones),
    workingHours: { start: random.int(7, 11), end: random.int(15, 19) },
    exclusions: [],
  }));
}

function graphOf(count: number, seed: number, sparseK?: number) {
  const people = syntheticProfiles(count, seed).map(prepareProfile);
  const input = { people, weights: defaultMatchingWeights, reference, forbidden: () => false };
  const built = timed(() => (sparseK ? sparseGraph(input, sparseK) : denseGraph(input)));
  return { n: count, edges: built.value, buildMs: built.ms, buildCpuMs: built.cpuMs };
}

/** The sparse case in this process: candidates, then the solver; prints one JSON line. */
function runSparse(count: number, k: number) {
  progress(`sparse: building top-${k} candidates for ${count} people…`);
  const sparse = graphOf(count, 2, k);
  progress(`sparse: ${sparse.edges.length} edges in ${sparse.buildMs} ms; solving…`);
  const solved = solve(sparse.n, sparse.edges);
  progress(`sparse: solved in ${solved.ms} ms`);
  log(
    JSON.stringify({
      people: sparse.n,
      k,
      edges: sparse.edges.length,
      candidateMs: sparse.buildMs,
      candidateCpuMs: sparse.buildCpuMs,
      solveMs: solved.ms,
      solveCpuMs: solved.cpuMs,
      totalMs: sparse.buildMs + solved.ms,
      totalCpuMs: sparse.buildCpuMs + solved.cpuMs,
      weight: solved.weight,
      matchedPeople: solved.pairs.length * 2,
    }),
  );
}

/** Runs runSparse in a child process, stopped after SPARSE_TIMEOUT_S. */
function sparseInChild(count: number, k: number): Record<string, unknown> {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, '--sparse', String(count), String(k)],
    { encoding: 'utf8', timeout: SPARSE_TIMEOUT_S * 1000, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (run.error || run.status !== 0) {
    const reason = run.signal
      ? `stopped after ${SPARSE_TIMEOUT_S} s`
      : (run.error?.message ?? `exit ${run.status}`);
    return { people: count, k, error: reason };
  }
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
}

// networkx stops itself after NX_CPU_LIMIT_S of CPU (a profiling timer) and says how far it got, so a
// run that cannot finish still gives a lower bound of the ratio.
const networkxScript = `
import json, signal, sys, time
import networkx as nx
graph = json.load(open(sys.argv[1]))
g = nx.Graph()
g.add_nodes_from(range(graph["n"]))
g.add_weighted_edges_from(graph["edges"])
class Stopped(Exception):
    pass
def stop(signum, frame):
    raise Stopped()
signal.signal(signal.SIGPROF, stop)
started = time.perf_counter()
cpu = time.process_time()
signal.setitimer(signal.ITIMER_PROF, float(sys.argv[2]))
try:
    matching = nx.max_weight_matching(g)
except Stopped:
    ms = (time.perf_counter() - started) * 1000
    cpu_ms = (time.process_time() - cpu) * 1000
    print(json.dumps({"stoppedAfterMs": round(ms), "stoppedAfterCpuMs": round(cpu_ms)}))
    sys.exit(0)
signal.setitimer(signal.ITIMER_PROF, 0)
ms = (time.perf_counter() - started) * 1000
cpu_ms = (time.process_time() - cpu) * 1000
print(json.dumps({"weight": sum(g[u][v]["weight"] for u, v in matching), "ms": round(ms), "cpuMs": round(cpu_ms)}))
`;

type NetworkxResult =
  | { weight: number; ms: number; cpuMs: number }
  | { stoppedAfterMs: number; stoppedAfterCpuMs: number }
  | { error: string };

function networkx(file: string): NetworkxResult {
  const run = spawnSync('python3', ['-c', networkxScript, file, String(NX_CPU_LIMIT_S)], {
    encoding: 'utf8',
    timeout: NX_TIMEOUT_S * 1000,
    maxBuffer: 1 << 20,
  });
  if (run.error || run.status !== 0) {
    return { error: run.error?.message ?? (run.stderr.trim().split('\n').at(-1) || `exit ${run.status}`) };
  }
  return JSON.parse(run.stdout);
}

function solveExternalGraph(file: string) {
  const graph = JSON.parse(readFileSync(file, 'utf8')) as { n: number; edges: WeightedEdge[] };
  if (!Number.isInteger(graph.n) || !Array.isArray(graph.edges)) {
    throw new Error(`${file}: expected {"n": N, "edges": [[u, v, w], …]}`);
  }
  log(JSON.stringify(solve(graph.n, graph.edges)));
}

const speedup = (slow: number, fast: number) => Math.round((slow / Math.max(1, fast)) * 10) / 10;

/**
 * Every allowed pair of `people`, ours and networkx on the identical graph. Our matching is also checked
 * against its own dual certificate, which proves it optimal whether or not networkx finishes.
 */
function compareDense(dir: string, people: number, seed: number) {
  const dense = graphOf(people, seed);
  const denseFile = path.join(dir, `dense-${people}.json`);
  writeFileSync(denseFile, JSON.stringify({ n: dense.n, edges: dense.edges }));
  log(`dense: ${dense.n} people, ${dense.edges.length} edges (built in ${dense.buildMs} ms)`);
  const ours = solve(dense.n, dense.edges);
  const certificate = certificateProblem(dense.n, dense.edges, solveWithDuals(dense.n, dense.edges));
  log(
    `  peerpost: weight ${ours.weight} in ${ours.ms} ms (CPU ${ours.cpuMs} ms); dual certificate: ${certificate ?? 'optimal'}`,
  );
  progress(`dense ${people}: networkx…`);
  const theirs = networkx(denseFile);
  const finished = 'weight' in theirs;
  const stopped = 'stoppedAfterMs' in theirs;
  log(
    `  networkx: ${finished ? `weight ${theirs.weight} in ${theirs.ms} ms (CPU ${theirs.cpuMs} ms)` : stopped ? `stopped unfinished after ${theirs.stoppedAfterMs} ms (CPU ${theirs.stoppedAfterCpuMs} ms)` : theirs.error} (load ${load().join(' ')})`,
  );
  const result = {
    people: dense.n,
    edges: dense.edges.length,
    peerpost: { weight: ours.weight, ms: ours.ms, cpuMs: ours.cpuMs },
    optimalByCertificate: certificate === null,
    networkx: theirs,
    identicalWeight: finished ? theirs.weight === ours.weight : null,
    speedup: finished ? speedup(theirs.ms, ours.ms) : null,
    cpuSpeedup: finished ? speedup(theirs.cpuMs, ours.cpuMs) : null,
    // When networkx was stopped: the ratios it would at least have reached.
    speedupAtLeast: stopped ? speedup(theirs.stoppedAfterMs, ours.ms) : null,
    cpuSpeedupAtLeast: stopped ? speedup(theirs.stoppedAfterCpuMs, ours.cpuMs) : null,
    loadAverage: load(),
  };
  log(
    finished
      ? `  ratio: ${result.speedup}× faster wall, ${result.cpuSpeedup}× CPU; identical weight: ${result.identicalWeight}`
      : stopped
        ? `  ratio: at least ${result.speedupAtLeast}× wall, ${result.cpuSpeedupAtLeast}× CPU (networkx unfinished, weight not compared)`
        : '  ratio: networkx failed',
  );
  return result;
}

/**
 * Dense: DENSE people (networkx may need longer than its CPU budget there), and DENSE_CHECK people, small
 * enough for networkx to finish, so the weights are compared exactly in every run.
 */
function benchDense(dir: string) {
  return { ...compareDense(dir, DENSE, 1), smaller: compareDense(dir, DENSE_CHECK, 4) };
}

/** Sparse: SPARSE people, top-k candidates each; time to build the graph and to solve it. */
function benchSparse() {
  const sparse = { ...sparseInChild(SPARSE, SPARSE_K), loadAverage: load() } as Record<string, unknown>;
  log(
    sparse.error
      ? `sparse: ${SPARSE} people: ${sparse.error}`
      : `sparse: ${SPARSE} people: candidates ${sparse.candidateMs} ms + solve ${sparse.solveMs} ms = ${sparse.totalMs} ms wall; CPU ${sparse.candidateCpuMs} + ${sparse.solveCpuMs} = ${sparse.totalCpuMs} ms (load ${load().join(' ')})`,
  );
  return sparse;
}

/** Gap: the sparse graph's optimum against the exact optimum of the full graph, same people. */
function benchGap() {
  progress(`gap: building every allowed pair of ${GAP} people…`);
  const full = graphOf(GAP, 3);
  progress(`gap: ${full.edges.length} edges; exact optimum…`);
  const exact = solve(full.n, full.edges);
  progress('gap: sparse optimum…');
  const candidates = graphOf(GAP, 3, SPARSE_K);
  const reduced = solve(GAP, candidates.edges);
  const ratio = exact.weight ? reduced.weight / exact.weight : 1;
  log(
    `gap: ${GAP} people: sparse ${reduced.weight} vs exact ${exact.weight} = ${(ratio * 100).toFixed(2)} %`,
  );
  log(
    `  exact on ${full.edges.length} edges in ${exact.ms} ms, sparse on ${candidates.edges.length} edges in ${reduced.ms} ms (load ${load().join(' ')})`,
  );
  return {
    people: GAP,
    k: SPARSE_K,
    exactEdges: full.edges.length,
    exactWeight: exact.weight,
    exactMs: exact.ms,
    exactCpuMs: exact.cpuMs,
    sparseEdges: candidates.edges.length,
    sparseWeight: reduced.weight,
    sparseMs: reduced.ms,
    sparseCpuMs: reduced.cpuMs,
    ratio: Math.round(ratio * 10000) / 10000,
    loadAverage: load(),
  };
}

const RESULTS = 'bench-results/matching.json';
const parts = { dense: benchDense, sparse: benchSparse, gap: benchGap } as const;

async function main() {
  const graphFlag = process.argv.indexOf('--graph');
  if (graphFlag >= 0) {
    const file = process.argv[graphFlag + 1];
    if (!file) throw new Error('--graph needs a file');
    return solveExternalGraph(file);
  }
  const sparseFlag = process.argv.indexOf('--sparse');
  if (sparseFlag >= 0) {
    return runSparse(Number(process.argv[sparseFlag + 1]), Number(process.argv[sparseFlag + 2]));
  }
  const onlyFlag = process.argv.indexOf('--only');
  const chosen = onlyFlag >= 0 ? (process.argv[onlyFlag + 1] ?? '').split(',') : Object.keys(parts);
  const unknown = chosen.filter((name) => !(name in parts));
  if (unknown.length || chosen.length === 0) {
    throw new Error(`--only takes a comma-separated list of ${Object.keys(parts).join(', ')}`);
  }
  // A part run alone updates its own entry; the others stay as their last run left them.
  const results: Record<string, unknown> = existsSync(RESULTS)
    ? JSON.parse(readFileSync(RESULTS, 'utf8'))
    : {};
  const dir = mkdtempSync(path.join(tmpdir(), 'peerpost-matching-bench-'));
  try {
    for (const name of chosen as (keyof typeof parts)[]) {
      const startLoad = load();
      results[name] = { ...parts[name](dir), loadAverageAtStart: startLoad, at: new Date().toISOString() };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  log(`written ${RESULTS}`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
