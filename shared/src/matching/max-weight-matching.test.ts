import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { matchingWeight, maxWeightMatching, type WeightedEdge } from './max-weight-matching';

/** The optimum by dynamic programming over vertex subsets (n ≤ 16): [weight, cardinality]. */
function bruteForceOptimum(n: number, edges: readonly WeightedEdge[], maxCardinality: boolean) {
  const w = Array.from({ length: n }, () => new Array<number>(n).fill(Number.NaN));
  for (const [u, v, x] of edges) {
    if (Number.isNaN(w[u]![v]!) || x > w[u]![v]!) w[u]![v] = w[v]![u] = x;
  }
  const best = new Map<number, [number, number]>();
  const better = (a: [number, number], b: [number, number]) =>
    maxCardinality ? a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]) : a[0] > b[0];
  const solve = (mask: number): [number, number] => {
    if (mask === (1 << n) - 1) return [0, 0];
    const known = best.get(mask);
    if (known) return known;
    let i = 0;
    while (mask & (1 << i)) i++;
    let result = solve(mask | (1 << i));
    for (let j = i + 1; j < n; j++) {
      if (mask & (1 << j) || Number.isNaN(w[i]![j]!)) continue;
      const [rest, count] = solve(mask | (1 << i) | (1 << j));
      const candidate: [number, number] = [rest + w[i]![j]!, count + 1];
      if (better(candidate, result)) result = candidate;
    }
    best.set(mask, result);
    return result;
  };
  return solve(0);
}

function randomGraph(seed: number, n: number, density: number, maxWeight: number): WeightedEdge[] {
  const random = seededRandom(seed).next;
  const edges: WeightedEdge[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (random() < density) edges.push([u, v, Math.floor(random() * maxWeight) - (maxWeight >> 3)]);
    }
  }
  return edges;
}

function assertValidMatching(n: number, edges: readonly WeightedEdge[], mate: Int32Array) {
  const present = new Set(edges.map(([u, v]) => `${Math.min(u, v)}-${Math.max(u, v)}`));
  for (let v = 0; v < n; v++) {
    if (mate[v] === -1) continue;
    expect(mate[mate[v]!]).toBe(v);
    expect(present.has(`${Math.min(v, mate[v]!)}-${Math.max(v, mate[v]!)}`)).toBe(true);
  }
}

describe('maxWeightMatching', () => {
  it('handles the small classic cases', () => {
    expect([...maxWeightMatching(0, [])]).toEqual([]);
    expect([...maxWeightMatching(2, [[0, 1, 1]])]).toEqual([1, 0]);
    expect([
      ...maxWeightMatching(3, [
        [0, 1, 10],
        [1, 2, 11],
      ]),
    ]).toEqual([-1, 2, 1]);
    expect([
      ...maxWeightMatching(4, [
        [0, 1, 5],
        [1, 2, 11],
        [2, 3, 5],
      ]),
    ]).toEqual([-1, 2, 1, -1]);
    expect([
      ...maxWeightMatching(
        4,
        [
          [0, 1, 5],
          [1, 2, 11],
          [2, 3, 5],
        ],
        { maxCardinality: true },
      ),
    ]).toEqual([1, 0, 3, 2]);
    // Negative weights are never worth taking unless cardinality is asked for.
    expect([...maxWeightMatching(2, [[0, 1, -1]])]).toEqual([-1, -1]);
  });

  it('creates, nests and expands blossoms (the mwmatching reference cases)', () => {
    // S-blossom, then augment through it.
    expect([
      ...maxWeightMatching(4, [
        [0, 1, 8],
        [0, 2, 9],
        [1, 2, 10],
        [2, 3, 7],
      ]),
    ]).toEqual([1, 0, 3, 2]);
    // Nested S-blossom, relabel as T, expand.
    const nested: WeightedEdge[] = [
      [1, 2, 19],
      [1, 3, 20],
      [1, 8, 8],
      [2, 3, 25],
      [2, 4, 18],
      [3, 5, 18],
      [4, 5, 13],
      [4, 7, 7],
      [5, 6, 7],
    ];
    expect([...maxWeightMatching(9, nested)]).toEqual([-1, 8, 3, 2, 7, 6, 5, 4, 1]);
    // T-blossom expansion with a nested structure.
    const expand: WeightedEdge[] = [
      [1, 2, 45],
      [1, 5, 45],
      [2, 3, 50],
      [3, 4, 45],
      [4, 5, 50],
      [1, 6, 30],
      [3, 9, 35],
      [4, 8, 35],
      [5, 7, 26],
      [9, 10, 5],
    ];
    expect([...maxWeightMatching(11, expand)]).toEqual([-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9]);
  });

  it('finds the optimum on random graphs (checked by exhaustive search)', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const n = 2 + (seed % 13);
      const density = [0.3, 0.6, 1][seed % 3]!;
      const edges = randomGraph(seed, n, density, seed % 2 ? 10 : 1000);
      for (const maxCardinality of [false, true]) {
        const mate = maxWeightMatching(n, edges, { maxCardinality });
        assertValidMatching(n, edges, mate);
        const [weight, count] = bruteForceOptimum(n, edges, maxCardinality);
        expect(matchingWeight(mate, edges), `seed ${seed} n ${n} cardinality ${maxCardinality}`).toBe(weight);
        if (maxCardinality) expect(mate.filter((v) => v >= 0).length / 2).toBe(count);
      }
      // Dense graphs go through pricing (a subgraph of each vertex's best edges, grown until optimal).
      const priced = maxWeightMatching(n, edges, { pricingDegree: 1 });
      assertValidMatching(n, edges, priced);
      expect(matchingWeight(priced, edges), `seed ${seed} n ${n} priced`).toBe(
        bruteForceOptimum(n, edges, false)[0],
      );
    }
  });

  it('is deterministic and rejects malformed edges', () => {
    const edges = randomGraph(7, 40, 0.5, 100);
    expect([...maxWeightMatching(40, edges)]).toEqual([...maxWeightMatching(40, edges)]);
    expect(() => maxWeightMatching(2, [[0, 2, 1]])).toThrow(RangeError);
    expect(() => maxWeightMatching(2, [[1, 1, 1]])).toThrow(RangeError);
    expect(() => maxWeightMatching(2, [[0, 1, Number.NaN]])).toThrow(RangeError);
    expect(() =>
      maxWeightMatching(
        3,
        [
          [0, 1, 1],
          [1, 2, 1],
          [0, 2, 1],
          [0, 5, 1],
        ],
        { pricingDegree: 0 },
      ),
    ).toThrow(RangeError);
  });
});
