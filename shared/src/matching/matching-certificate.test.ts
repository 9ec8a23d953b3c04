import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { certificateProblem } from './matching-certificate';
import { solveWithDuals, type WeightedEdge } from './max-weight-matching';

/** A sparse random graph: each vertex proposes a few edges; weights with many ties, some negative. */
function sparseGraph(seed: number, n: number, perVertex: number, maxWeight: number): WeightedEdge[] {
  const random = seededRandom(seed);
  const edges: WeightedEdge[] = [];
  for (let u = 0; u < n; u++) {
    for (let t = 0; t < perVertex; t++) {
      const v = random.int(0, n);
      if (v !== u) edges.push([u, v, random.int(-maxWeight >> 3, maxWeight)]);
    }
  }
  return edges;
}

describe('the dual certificate', () => {
  it('proves the solver optimal on random sparse graphs (complementary slackness)', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const n = 20 + ((seed * 37) % 600);
      const edges = sparseGraph(seed, n, 1 + (seed % 5), seed % 3 ? 12 : 1000);
      const solved = solveWithDuals(n, edges);
      expect(certificateProblem(n, edges, solved), `seed ${seed} n ${n}`).toBeNull();
    }
  });

  it('rejects duals that do not prove optimality', () => {
    const edges = sparseGraph(7, 200, 3, 100);
    const solved = solveWithDuals(200, edges);
    expect(certificateProblem(200, edges, solved)).toBeNull();
    const [u, v, w] = edges.find(([a, b]) => solved.mate[a] === b)!;
    // A heavier edge between the matched pair is no longer covered by the duals.
    expect(certificateProblem(200, [...edges, [u, v, w + 1]], solved)).toMatch(/negative slack/);
    // Raising a matched vertex's dual breaks tightness of its matched edge.
    const lowered = { ...solved, dualvar: solved.dualvar.slice() };
    lowered.dualvar[u] = lowered.dualvar[u]! + 1;
    expect(certificateProblem(200, edges, lowered)).toMatch(/not tight/);
    // A suboptimal matching (one matched pair dropped) cannot meet the exposed-vertex condition.
    const dropped = { ...solved, mate: solved.mate.slice() };
    dropped.mate[u] = -1;
    dropped.mate[v] = -1;
    expect(certificateProblem(200, edges, dropped)).not.toBeNull();
  });
});
