// One matching round, pure: profiles, weights and coordinator decisions in; pairs or groups of three with
// scores and explanations out. Pins are kept, blocks, previous partners and exclusions never matched.
// The pairs come from an exact maximum-weight matching (maximum cardinality first, so as many people as
// possible get a partner); odd leftovers and group programs are handled in ./groups.
import { denseGraph, sparseGraph } from './candidate-graph';
import { compatibility, type MatchingProfile, prepareProfile } from './compatibility';
import { explainGroup } from './explanation';
import { attachWhereTheyAddMost, type Group, groupScore, improveBySwaps } from './groups';
import { maxWeightMatching, type WeightedEdge } from './max-weight-matching';
import type { MatchingWeights } from './weights';

export interface MatchingInput {
  profiles: readonly MatchingProfile[];
  weights: MatchingWeights;
  /** 2 for pairs, 3 for peer groups. */
  pairSize: 2 | 3;
  /** The date time-zone offsets are computed for (the program start). */
  reference: Date;
  /** Pairs of profile ids never to be matched (coordinator blocks, previous partners). */
  blocked?: readonly (readonly [string, string])[];
  /** Pairs of profile ids the coordinator wants together. */
  pinned?: readonly (readonly [string, string])[];
  /** Above this many people the graph is sparse (top-k candidates per person). Default 3000. */
  denseLimit?: number;
  /** Candidates kept per person in a sparse graph. Default 8. */
  sparseK?: number;
}

export interface PlannedMatch {
  memberIds: string[];
  /** Mean pairwise compatibility, 0…1. */
  score: number;
  pinned: boolean;
  explanation: string[];
}

export interface MatchingPlan {
  matches: PlannedMatch[];
  unmatchedIds: string[];
  /** Sum of the match scores. */
  totalScore: number;
  graph: { vertices: number; edges: number; sparse: boolean };
}

const pairKey = (i: number, j: number, n: number) => (i < j ? i * n + j : j * n + i);

export function planMatches(input: MatchingInput): MatchingPlan {
  const { weights, pairSize, reference } = input;
  const profiles = [...input.profiles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = profiles.length;
  const people = profiles.map(prepareProfile);
  const indexOf = new Map(profiles.map((profile, i) => [profile.id, i]));
  const byEmail = new Map(profiles.map((profile, i) => [profile.email.toLowerCase(), i]));

  const forbiddenKeys = new Set<number>();
  for (const [a, b] of input.blocked ?? []) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i !== undefined && j !== undefined) forbiddenKeys.add(pairKey(i, j, n));
  }
  profiles.forEach((profile, i) => {
    for (const email of profile.exclusions) {
      const j = byEmail.get(email.toLowerCase());
      if (j !== undefined && j !== i) forbiddenKeys.add(pairKey(i, j, n));
    }
  });
  const forbidden = (i: number, j: number) => forbiddenKeys.has(pairKey(i, j, n));
  const scoreCache = new Map<number, number | null>();
  const score = (i: number, j: number): number | null => {
    if (forbidden(i, j)) return null;
    const key = pairKey(i, j, n);
    if (!scoreCache.has(key)) scoreCache.set(key, compatibility(people[i]!, people[j]!, weights, reference));
    return scoreCache.get(key)!;
  };

  // Coordinator pins first: these groups are fixed and taken out of the graph.
  const groups: Group[] = [];
  const groupOf = new Map<number, Group>();
  for (const [a, b] of input.pinned ?? []) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    const gi = groupOf.get(i);
    const gj = groupOf.get(j);
    if (gi && gj) continue;
    const group = gi ?? gj;
    if (group) {
      if (group.members.length >= pairSize) continue;
      const added = gi ? j : i;
      group.members.push(added);
      groupOf.set(added, group);
    } else {
      const pinnedGroup: Group = { members: [i, j], fixed: true };
      groups.push(pinnedGroup);
      groupOf.set(i, pinnedGroup);
      groupOf.set(j, pinnedGroup);
    }
  }

  // The exact matching over everyone not pinned.
  const free = people.map((_, i) => i).filter((i) => !groupOf.has(i));
  const local = { people: free.map((i) => people[i]!), weights, reference };
  const graphInput = { ...local, forbidden: (a: number, b: number) => forbidden(free[a]!, free[b]!) };
  const sparse = free.length > (input.denseLimit ?? 3000);
  const edges: WeightedEdge[] = sparse ? sparseGraph(graphInput, input.sparseK ?? 8) : denseGraph(graphInput);
  const mate = maxWeightMatching(free.length, edges, { maxCardinality: true });
  const pairs: Group[] = [];
  const singles: number[] = [];
  free.forEach((person, a) => {
    if (mate[a] === -1) singles.push(person);
    else if (a < mate[a]!) pairs.push({ members: [person, free[mate[a]!]!], fixed: false });
  });

  let unmatched: number[];
  if (pairSize === 2) {
    groups.push(...pairs);
    unmatched = attachWhereTheyAddMost(singles, groups, 3, score);
  } else {
    // Groups of three: the strongest pairs become cores (pinned pairs first), the rest are singles who
    // join the core where they add most; then swaps between groups while the total improves.
    const needed = Math.max(1, Math.floor(n / 3)) - groups.length;
    const ranked = pairs
      .map((pair) => ({ pair, value: groupScore(pair.members, score) }))
      .sort((x, y) => y.value - x.value || x.pair.members[0]! - y.pair.members[0]!);
    ranked.forEach(({ pair }, rank) => {
      if (rank < needed) groups.push(pair);
      else singles.push(...pair.members);
    });
    singles.sort((a, b) => a - b);
    const left = attachWhereTheyAddMost(singles, groups, 3, score);
    improveBySwaps(groups, score);
    // n % 3 people left over join the group where they add most, making a group of four.
    unmatched = attachWhereTheyAddMost(left, groups, 4, score);
  }

  const matches = groups
    .filter((group) => group.members.length >= 2)
    .map((group) => {
      const members = [...group.members].sort((a, b) => a - b);
      const links = (members.length * (members.length - 1)) / 2;
      const value = groupScore(members, (i, j) => score(i, j) ?? 0) / links;
      const reasons = explainGroup(
        members.map((i) => people[i]!),
        weights,
        reference,
      );
      return {
        memberIds: members.map((i) => profiles[i]!.id),
        score: Math.round(value * 1000) / 1000,
        pinned: group.fixed,
        explanation: group.fixed ? ['pinned by the coordinator', ...reasons] : reasons,
      };
    })
    .sort((x, y) => (x.memberIds[0]! < y.memberIds[0]! ? -1 : 1));
  return {
    matches,
    unmatchedIds: unmatched.sort((a, b) => a - b).map((i) => profiles[i]!.id),
    totalScore: Math.round(matches.reduce((sum, match) => sum + match.score, 0) * 1000) / 1000,
    graph: { vertices: free.length, edges: edges.length, sparse },
  };
}
