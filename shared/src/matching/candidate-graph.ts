// The weighted graph the solver works on: every allowed pair (dense), or for very large programs only
// each person's top-k candidates found through skill and goal indexes within the buckets the
// requirements allow (sparse). Weights are integers (compatibility × 1000, at least 1) so the solver is
// exact.

import { candidateBuckets } from './candidate-buckets';
import type { PreparedProfile } from './compatibility';
import type { WeightedEdge } from './max-weight-matching';
import {
  type CompiledProfiles,
  compilePairScorer,
  compileProfiles,
  permuteProfiles,
  scorerOf,
  stageDistance,
} from './pair-scorer';
import type { MatchingWeights } from './weights';

export const WEIGHT_SCALE = 1000;

export const toEdgeWeight = (score: number) => 1 + Math.round(score * WEIGHT_SCALE);

export interface GraphInput {
  people: readonly PreparedProfile[];
  weights: MatchingWeights;
  reference: Date;
  /** True when the pair (by index, either order) may never be matched. */
  forbidden: (i: number, j: number) => boolean;
}

export function denseGraph({ people, weights, reference, forbidden }: GraphInput): WeightedEdge[] {
  const edges: WeightedEdge[] = [];
  const scoreOf = compilePairScorer(people, weights, reference);
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++) {
      if (forbidden(i, j)) continue;
      const score = scoreOf(i, j);
      if (score !== null) edges.push([i, j, toEdgeWeight(score)]);
    }
  }
  return edges;
}

/** How many people a person's candidate search looks at (see sparseGraph). */
export interface CandidateSearch {
  /** People looked at in each bucket of the person's own stage. */
  budget: number;
  /** People looked at in each bucket of an adjacent stage (whose pairs score lower). */
  adjacentBudget: number;
  /** Time-of-day neighbours always looked at in each bucket, so nobody is left without candidates. */
  nearby: number;
}

/**
 * On 5,000 synthetic people (test/bench/matching.bench.ts), the top 8 of own-stage budgets of 64 / 96 /
 * 128 reach 99.41 / 99.49 / 99.59 % of the exact optimum (every person's true top 8: 99.72 %); adjacent
 * budgets above 16 changed no edge. 128 costs about 130 scored pairs per person.
 */
export const defaultSearch: CandidateSearch = { budget: 128, adjacentBudget: 16, nearby: 2 };

/** The middle of each person's working day in UTC minutes (0 … 1440), to find people awake together. */
function middayOf(profiles: CompiledProfiles): Float64Array {
  const { hours, count } = profiles;
  const day = 24 * 60;
  const midday = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const length = hours[4 * i + 1]! - hours[4 * i]! + hours[4 * i + 3]! - hours[4 * i + 2]!;
    // A day split at midnight is [start, 1440] + [0, end]: its middle is counted from the first part.
    midday[i] = (hours[4 * i]! + length / 2) % day;
  }
  return midday;
}

/**
 * Each person's k best candidates, and the reverse edges; deterministic. Only buckets the requirements
 * allow are visited (candidate-buckets.ts). In each, a person looks at the people sharing a pair of
 * complementary skills, then one skill, then a goal, and finally anyone, nearest in time of day first
 * (shared working hours count too), until the bucket's budget of people is spent. Edges are listed
 * once, lower index first, by index.
 */
export function sparseGraph(
  input: GraphInput,
  k: number,
  search: CandidateSearch = defaultSearch,
): WeightedEdge[] {
  const { people, weights, reference, forbidden } = input;
  const n = people.length;
  if (n === 0 || k <= 0) return [];
  const everyone = compileProfiles(people, reference);
  const middayByPerson = middayOf(everyone);
  const byMidday = Int32Array.from(people.keys()).sort(
    (a, b) => middayByPerson[a]! - middayByPerson[b]! || a - b,
  );
  const buckets = candidateBuckets(everyone, weights, byMidday);
  // From here on people are numbered bucket by bucket in time-of-day order (person x is people[external[x]]):
  // a person's candidates then sit close together in memory, and each bucket is one run x … y.
  const external = buckets.members.ids;
  const profiles = permuteProfiles(everyone, external);
  const scoreOf = scorerOf(profiles, weights);
  const midday = external.map((person) => middayByPerson[person]!);
  const bucketOf = external.map((person) => buckets.bucketOf[person]!);
  const members = { start: buckets.members.start, ids: Int32Array.from(people.keys()) };
  const { compatible } = buckets;
  const { offered, sought, goals } = profiles;
  let ids = 0; // one more than the largest interned id in the indexed runs
  for (const runs of [offered, sought, goals]) for (const id of runs.ids) ids = Math.max(ids, id + 1);
  // Index keys: a pair of skills (offered, sought) below ids², then one offered skill, one sought skill,
  // one goal. One index per bucket; lists are in time-of-day order because people are added in it.
  const mutualKey = (offers: number, seeks: number) => offers * ids + seeks;
  const offersKey = (skill: number) => ids * ids + skill;
  const seeksKey = (skill: number) => ids * ids + ids + skill;
  const goalKey = (goal: number) => ids * ids + 2 * ids + goal;
  const index = Array.from({ length: members.start.length - 1 }, () => new Map<number, number[]>());
  const put = (map: Map<number, number[]>, key: number, person: number) => {
    const list = map.get(key);
    if (list) list.push(person);
    else map.set(key, [person]);
  };
  for (let i = 0; i < n; i++) {
    const map = index[bucketOf[i]!]!;
    for (let x = offered.start[i]!; x < offered.start[i + 1]!; x++) {
      put(map, offersKey(offered.ids[x]!), i);
      for (let y = sought.start[i]!; y < sought.start[i + 1]!; y++) {
        put(map, mutualKey(offered.ids[x]!, sought.ids[y]!), i);
      }
    }
    for (let y = sought.start[i]!; y < sought.start[i + 1]!; y++) put(map, seeksKey(sought.ids[y]!), i);
    for (let g = goals.start[i]!; g < goals.start[i + 1]!; g++) put(map, goalKey(goals.ids[g]!), i);
  }

  const seen = new Int32Array(n).fill(-1);
  // The k best so far, by weight then index (typed buffers: no allocation or sort per person).
  const bestJ = new Int32Array(k);
  const bestW = new Float64Array(k);
  let count = 0;
  let i = 0;
  const offer = (j: number, w: number) => {
    if (count === k && !(w > bestW[k - 1]! || (w === bestW[k - 1] && j < bestJ[k - 1]!))) return;
    let at = count < k ? count++ : k - 1;
    while (at > 0 && (bestW[at - 1]! < w || (bestW[at - 1] === w && bestJ[at - 1]! > j))) {
      bestW[at] = bestW[at - 1]!;
      bestJ[at] = bestJ[at - 1]!;
      at--;
    }
    bestW[at] = w;
    bestJ[at] = j;
  };
  let considered = 0;
  const consider = (j: number) => {
    if (j === i || seen[j] === i) return;
    seen[j] = i;
    considered++;
    if (forbidden(external[i]!, external[j]!)) return;
    const score = scoreOf(i, j);
    if (score !== null) offer(external[j]!, toEdgeWeight(score));
  };
  // The index lists of one kind (e.g. all complementary pairs) are visited round-robin from the entry
  // nearest to person i's midday outwards (0, -1, +1, -2, …), so a budget is spent evenly over them.
  const lists: (readonly number[])[] = [];
  const centres: number[] = [];
  const nearestTo = (list: ArrayLike<number>, from: number, to: number) => {
    let low = from;
    let high = to;
    const at = midday[i]!;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (midday[list[mid]!]! < at) low = mid + 1;
      else high = mid;
    }
    return low === to ? from : low;
  };
  const gather = (map: Map<number, number[]>, key: number) => {
    const list = map.get(key);
    if (!list) return;
    lists.push(list);
    centres.push(nearestTo(list, 0, list.length));
  };
  /** Looks at the gathered lists until `until` people were considered or the lists are exhausted. */
  const spend = (until: number) => {
    let longest = 0;
    for (const list of lists) longest = Math.max(longest, list.length);
    for (let r = 0; r < longest && considered < until; r++) {
      const offset = r & 1 ? -((r + 1) >> 1) : r >> 1;
      for (let l = 0; l < lists.length; l++) {
        const list = lists[l]!;
        if (r < list.length) consider(list[(centres[l]! + offset + list.length) % list.length]!);
      }
    }
    lists.length = 0;
    centres.length = 0;
  };
  /** Considers the `size` people of the bucket's run from..to nearest to person i's midday. */
  const visitNearby = (run: Int32Array, from: number, to: number, size: number) => {
    const length = to - from;
    const centre = nearestTo(run, from, to) - from;
    for (let r = 0; r < Math.min(size, length); r++) {
      const offset = r & 1 ? -((r + 1) >> 1) : r >> 1;
      consider(run[from + ((centre + offset + length) % length)]!);
    }
  };

  let edges = new Float64Array(n * k); // (lower · n + higher) · 2¹¹ + weight, sorted and deduplicated below
  let edgeCount = 0;
  for (i = 0; i < n; i++) {
    count = 0;
    const own = bucketOf[i]!;
    for (let c = compatible.start[own]!; c < compatible.start[own + 1]!; c++) {
      const bucket = compatible.ids[c]!;
      const map = index[bucket]!;
      // Buckets are split by stage only when adjacent stages are required.
      const adjacent =
        weights.requireAdjacentStage > 0 && stageDistance(profiles, i, members.start[bucket]!) !== 0;
      const budget = adjacent ? search.adjacentBudget : search.budget;
      considered = 0;
      for (let x = sought.start[i]!; x < sought.start[i + 1]!; x++) {
        for (let y = offered.start[i]!; y < offered.start[i + 1]!; y++) {
          gather(map, mutualKey(sought.ids[x]!, offered.ids[y]!));
        }
      }
      spend(budget);
      for (let x = sought.start[i]!; x < sought.start[i + 1]!; x++) gather(map, offersKey(sought.ids[x]!));
      for (let y = offered.start[i]!; y < offered.start[i + 1]!; y++) gather(map, seeksKey(offered.ids[y]!));
      spend(budget);
      for (let g = goals.start[i]!; g < goals.start[i + 1]!; g++) gather(map, goalKey(goals.ids[g]!));
      spend(budget);
      const from = members.start[bucket]!;
      const to = members.start[bucket + 1]!;
      visitNearby(members.ids, from, to, Math.max(search.nearby, budget - considered));
    }
    const person = external[i]!;
    for (let t = 0; t < count; t++) {
      const j = bestJ[t]!; // bestJ holds people's own indexes, so ties break as for the caller
      edges[edgeCount++] = (person < j ? person * n + j : j * n + person) * WEIGHT_SLOTS + bestW[t]!;
    }
  }
  edges = edges.subarray(0, edgeCount).sort();
  const result: WeightedEdge[] = [];
  for (let e = 0; e < edgeCount; e++) {
    if (e > 0 && edges[e] === edges[e - 1]) continue;
    const pair = Math.floor(edges[e]! / WEIGHT_SLOTS);
    result.push([Math.floor(pair / n), pair % n, edges[e]! - pair * WEIGHT_SLOTS]);
  }
  return result;
}

/** Edge weights are at most 1 + WEIGHT_SCALE, so they fit below this in a packed edge (exact below
 * 2⁵³, i.e. for up to two million people). */
const WEIGHT_SLOTS = 2048;
