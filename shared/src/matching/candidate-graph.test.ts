import { describe, expect, it } from 'vitest';
import { candidateBuckets } from './candidate-buckets';
import { type GraphInput, sparseGraph, toEdgeWeight } from './candidate-graph';
import { prepareProfile } from './compatibility';
import type { WeightedEdge } from './max-weight-matching';
import { compilePairScorer, compileProfiles } from './pair-scorer';
import { profile, randomProfiles } from './test-profiles';
import { defaultMatchingWeights, type MatchingWeights, resolveWeights } from './weights';

const reference = new Date('2026-03-02T12:00:00Z');
const everyone = { budget: 10_000, adjacentBudget: 10_000, nearby: 10_000 };

/** Each person's k best allowed partners by scoring every pair (weight, then lower index), as edges. */
function bruteForceTopK(input: GraphInput, k: number): WeightedEdge[] {
  const { people, weights, forbidden } = input;
  const score = compilePairScorer(people, weights, input.reference);
  const chosen = new Map<string, WeightedEdge>();
  people.forEach((_, i) => {
    const ranked: [number, number][] = [];
    people.forEach((_, j) => {
      const value = i === j || forbidden(i, j) ? null : score(i, j);
      if (value !== null) ranked.push([j, toEdgeWeight(value)]);
    });
    ranked.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (const [j, w] of ranked.slice(0, k)) {
      const [u, v] = i < j ? [i, j] : [j, i];
      chosen.set(`${u}-${v}`, [u, v, w]);
    }
  });
  return [...chosen.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

const inputOf = (
  count: number,
  seed: number,
  weights: MatchingWeights = defaultMatchingWeights,
  forbidden: GraphInput['forbidden'] = () => false,
): GraphInput => ({
  people: randomProfiles(seed, count).map(prepareProfile),
  weights,
  reference,
  forbidden,
});

const weightings = [
  defaultMatchingWeights,
  resolveWeights({ requireAdjacentStage: 0 }),
  resolveWeights({ requireLanguage: 0, requireDifferentTeam: 1 }),
  resolveWeights({ requireAdjacentStage: 0, requireLanguage: 0, skills: 0, goals: 0 }),
];

describe('sparseGraph', () => {
  it('equals the brute-force top-k when the search covers every compatible person', () => {
    for (const [w, weights] of weightings.entries()) {
      for (const k of [1, 3, 8]) {
        const input = inputOf(70, 10 + w, weights);
        expect(sparseGraph(input, k, everyone), `weights ${w}, k ${k}`).toEqual(bruteForceTopK(input, k));
      }
    }
  });

  it('equals the brute-force top-k with the default search on a program smaller than its budgets', () => {
    for (const seed of [1, 2, 3]) {
      const input = inputOf(16, seed);
      expect(sparseGraph(input, 4)).toEqual(bruteForceTopK(input, 4));
    }
  });

  it('gives no candidates to a person with no compatible bucket', () => {
    const people = [
      profile({ id: 'Ana', careerStage: 'senior', languages: ['German'] }),
      profile({ id: 'Ben', careerStage: 'senior', languages: ['English'] }), // no common language
      profile({ id: 'Cleo', careerStage: 'student', languages: ['German'] }), // two rungs below
      profile({ id: 'Dan', careerStage: 'artist', languages: ['German'] }), // off the ladder
      profile({ id: 'Eve', careerStage: 'senior', languages: ['English'] }),
    ].map(prepareProfile);
    const edges = sparseGraph(
      { people, weights: defaultMatchingWeights, reference, forbidden: () => false },
      5,
    );
    expect(edges.map(([u, v]) => [u, v])).toEqual([[1, 4]]);
  });

  it('never lists a forbidden pair, and a person whose every partner is forbidden gets none', () => {
    const forbidden = (i: number, j: number) => (i + j) % 3 === 0 || i === 0 || j === 0;
    const input = inputOf(60, 7, defaultMatchingWeights, forbidden);
    const edges = sparseGraph(input, 6);
    expect(edges.length).toBeGreaterThan(50);
    for (const [u, v] of edges) expect(forbidden(u, v)).toBe(false);
    expect(edges.filter(([u]) => u === 0)).toEqual([]);
    expect(sparseGraph(input, 6, everyone)).toEqual(bruteForceTopK(input, 6));
  });

  it('is deterministic, lists each pair once with the lower index first, and keeps scores exact', () => {
    const input = inputOf(400, 5);
    const edges = sparseGraph(input, 5, { budget: 12, adjacentBudget: 4, nearby: 2 });
    expect(sparseGraph(input, 5, { budget: 12, adjacentBudget: 4, nearby: 2 })).toEqual(edges);
    const score = compilePairScorer(input.people, input.weights, reference);
    const seen = new Set<string>();
    for (const [u, v, w] of edges) {
      expect(u).toBeLessThan(v);
      expect(seen.has(`${u}-${v}`)).toBe(false);
      seen.add(`${u}-${v}`);
      expect(w).toBe(toEdgeWeight(score(u, v)!));
    }
  });

  it('finds candidates for everyone who has a compatible person, even with small budgets', () => {
    const input = inputOf(400, 6);
    const score = compilePairScorer(input.people, input.weights, reference);
    const edges = sparseGraph(input, 3, { budget: 4, adjacentBudget: 0, nearby: 2 });
    const degree = new Array<number>(400).fill(0);
    for (const [u, v] of edges) {
      degree[u]!++;
      degree[v]!++;
    }
    input.people.forEach((_, i) => {
      const compatible = input.people.some((__, j) => j !== i && score(i, j) !== null);
      expect(degree[i]! > 0, `person ${i}`).toBe(compatible);
    });
  });
});

describe('candidateBuckets', () => {
  const bucketsOf = (people: ReturnType<typeof profile>[], weights = defaultMatchingWeights) => {
    const compiled = compileProfiles(people.map(prepareProfile), reference);
    const buckets = candidateBuckets(compiled, weights, Int32Array.from(people.keys()));
    const compatibleWith = (i: number) => {
      const { start, ids } = buckets.compatible;
      const own = buckets.bucketOf[i]!;
      return [...ids.subarray(start[own]!, start[own + 1]!)];
    };
    return { buckets, compatibleWith };
  };

  it('groups by stage and languages and visits only buckets the requirements allow', () => {
    const people = [
      profile({ id: 'a', careerStage: 'mid', languages: ['English'] }),
      profile({ id: 'b', careerStage: 'Mid-career', languages: ['english'] }), // same bucket as a
      profile({ id: 'c', careerStage: 'senior', languages: ['English', 'German'] }),
      profile({ id: 'd', careerStage: 'early-career', languages: [] }),
      profile({ id: 'e', careerStage: 'student', languages: ['German'] }),
      profile({ id: 'f', careerStage: 'artist', languages: ['English'] }),
    ];
    const { buckets, compatibleWith } = bucketsOf(people);
    expect([...buckets.bucketOf]).toEqual([0, 0, 1, 2, 3, 4]);
    expect(compatibleWith(0)).toEqual([0, 1, 2]); // own stage first, then adjacent ones
    expect(compatibleWith(2)).toEqual([1, 0]); // senior: not early-career, not a student
    expect(compatibleWith(3)).toEqual([2, 0, 3]); // lists no language: any adjacent stage
    expect(compatibleWith(4)).toEqual([3, 2]); // a German student: and early-career people listing none
    expect(compatibleWith(5)).toEqual([4]); // off the ladder: only the same stage
  });

  it('stops splitting by language when people list very many different languages', () => {
    const people = Array.from({ length: 90 }, (_, i) =>
      profile({ id: `p${i}`, languages: i < 80 ? ['English', `Language ${i}`] : ['German'] }),
    );
    const { buckets } = bucketsOf(people);
    expect(new Set(buckets.bucketOf).size).toBe(1);
    // The requirement still holds: German speakers are only matched with each other.
    const prepared = people.map(prepareProfile);
    const input = { people: prepared, weights: defaultMatchingWeights, reference, forbidden: () => false };
    const edges = sparseGraph(input, 3);
    expect(edges.length).toBeGreaterThan(100);
    for (const [u, v] of edges) expect(u >= 80).toBe(v >= 80);
    expect(sparseGraph(input, 3, everyone)).toEqual(bruteForceTopK(input, 3));
  });

  it('does not split by what is not required', () => {
    const people = [
      profile({ id: 'a', careerStage: 'student', languages: ['English'] }),
      profile({ id: 'b', careerStage: 'lead', languages: ['German'] }),
    ];
    const loose = resolveWeights({ requireAdjacentStage: 0, requireLanguage: 0 });
    const { buckets, compatibleWith } = bucketsOf(people, loose);
    expect([...buckets.bucketOf]).toEqual([0, 0]);
    expect(compatibleWith(1)).toEqual([0]);
  });
});
