// Benchmark of the matching solver against networkx `max_weight_matching` on the same graphs, same run:
// a dense program (every allowed pair), a very large program on its sparse candidate graph, and the gap
// between sparse and exact on a mid-sized one. Writes bench-results/matching.json.
// Run: npm run bench:matching  (BENCH_DENSE, BENCH_SPARSE, BENCH_GAP, BENCH_NX_TIMEOUT_S change the scale).
// Or:  npm run bench:matching -- --graph file.json   ({"n": N, "edges": [[u, v, w], …]} → weight, pairs, ms)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { denseGraph, sparseGraph } from '../../shared/src/matching/candidate-graph';
import { type MatchingProfile, prepareProfile } from '../../shared/src/matching/compatibility';
import {
  matchingWeight,
  maxWeightMatching,
  type WeightedEdge,
} from '../../shared/src/matching/max-weight-matching';
import { defaultMatchingWeights } from '../../shared/src/matching/weights';
import { seededRandom } from '../../shared/src/seeded-random';

const DENSE = Number(process.env.BENCH_DENSE ?? 2000);
const SPARSE = Number(process.env.BENCH_SPARSE ?? 50_000);
const GAP = Number(process.env.BENCH_GAP ?? 5000);
const SPARSE_K = Number(process.env.BENCH_SPARSE_K ?? 12);
const NX_TIMEOUT_S = Number(process.env.BENCH_NX_TIMEOUT_S ?? 3600);
const reference = new Date('2026-03-02T12:00:00Z');
const log = (line: string) => process.stdout.write(`${line}\n`);

function solve(n: number, edges: readonly WeightedEdge[]) {
  const started = performance.now();
  const mate = maxWeightMatching(n, edges);
  const ms = Math.round(performance.now() - started);
  const pairs: [number, number][] = [];
  mate.forEach((v, u) => {
    if (v > u) pairs.push([u, v]);
  });
  return { weight: matchingWeight(mate, edges), pairs, ms };
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
  const started = performance.now();
  const edges = sparseK ? sparseGraph(input, sparseK) : denseGraph(input);
  return { n: count, edges, buildMs: Math.round(performance.now() - started) };
}

const networkxScript = `
import json, sys, time
import networkx as nx
graph = json.load(open(sys.argv[1]))
g = nx.Graph()
g.add_nodes_from(range(graph["n"]))
g.add_weighted_edges_from(graph["edges"])
started = time.perf_counter()
matching = nx.max_weight_matching(g)
ms = (time.perf_counter() - started) * 1000
print(json.dumps({"weight": sum(g[u][v]["weight"] for u, v in matching), "ms": round(ms)}))
`;

function networkx(file: string): { weight: number; ms: number } | { error: string } {
  const run = spawnSync('python3', ['-c', networkxScript, file], {
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

async function main() {
  const graphFlag = process.argv.indexOf('--graph');
  if (graphFlag >= 0) {
    const file = process.argv[graphFlag + 1];
    if (!file) throw new Error('--graph needs a file');
    return solveExternalGraph(file);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'peerpost-matching-bench-'));
  const results: Record<string, unknown> = {};
  try {
    // 1. Dense: every allowed pair of DENSE people, ours and networkx on the identical graph.
    const dense = graphOf(DENSE, 1);
    const denseFile = path.join(dir, 'dense.json');
    writeFileSync(denseFile, JSON.stringify({ n: dense.n, edges: dense.edges }));
    log(`dense: ${dense.n} people, ${dense.edges.length} edges (built in ${dense.buildMs} ms)`);
    const ours = solve(dense.n, dense.edges);
    log(`  peerpost: weight ${ours.weight} in ${ours.ms} ms`);
    const theirs = networkx(denseFile);
    log(`  networkx: ${'error' in theirs ? theirs.error : `weight ${theirs.weight} in ${theirs.ms} ms`}`);
    results.dense = {
      people: dense.n,
      edges: dense.edges.length,
      peerpost: { weight: ours.weight, ms: ours.ms },
      networkx: theirs,
      identicalWeight: 'weight' in theirs ? theirs.weight === ours.weight : null,
      speedup: 'ms' in theirs ? Math.round((theirs.ms / Math.max(1, ours.ms)) * 10) / 10 : null,
    };

    // 2. Sparse: SPARSE people, top-k candidates each; time to build the graph and to solve it.
    const sparse = graphOf(SPARSE, 2, SPARSE_K);
    const sparseResult = solve(sparse.n, sparse.edges);
    log(
      `sparse: ${sparse.n} people, ${sparse.edges.length} edges: candidates ${sparse.buildMs} ms, solve ${sparseResult.ms} ms`,
    );
    results.sparse = {
      people: sparse.n,
      k: SPARSE_K,
      edges: sparse.edges.length,
      candidateMs: sparse.buildMs,
      solveMs: sparseResult.ms,
      totalMs: sparse.buildMs + sparseResult.ms,
      matchedPeople: sparseResult.pairs.length * 2,
    };

    // 3. Gap: the sparse graph's optimum against the exact optimum of the full graph, same people.
    const full = graphOf(GAP, 3);
    const exact = solve(full.n, full.edges);
    const reduced = solve(GAP, graphOf(GAP, 3, SPARSE_K).edges);
    const ratio = exact.weight ? reduced.weight / exact.weight : 1;
    log(
      `gap: ${GAP} people: sparse ${reduced.weight} vs exact ${exact.weight} = ${(ratio * 100).toFixed(2)} %`,
    );
    log(`  exact on ${full.edges.length} edges in ${exact.ms} ms, sparse in ${reduced.ms} ms`);
    results.gap = {
      people: GAP,
      k: SPARSE_K,
      exactWeight: exact.weight,
      exactMs: exact.ms,
      sparseWeight: reduced.weight,
      sparseMs: reduced.ms,
      ratio: Math.round(ratio * 10000) / 10000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/matching.json', `${JSON.stringify(results, null, 2)}\n`);
  log('written bench-results/matching.json');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
