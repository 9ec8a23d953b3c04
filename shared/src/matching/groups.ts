// Turning solved pairs into the program's groups: leftovers join the group where they add most, and
// group programs (size 3) are improved by a local search that swaps members between groups while the
// total grows. Everything iterates in index order, so the same input gives the same groups.

/** Compatibility of two people (0…1), or null when they may not be in one group. */
export type PairScore = (i: number, j: number) => number | null;

export interface Group {
  members: number[];
  /** Members the coordinator pinned together; they are never moved. */
  fixed: boolean;
}

/** Sum of the pairwise scores, or -Infinity when any pair is not allowed. */
export function groupScore(members: readonly number[], score: PairScore): number {
  let total = 0;
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      const s = score(members[a]!, members[b]!);
      if (s === null) return Number.NEGATIVE_INFINITY;
      total += s;
    }
  }
  return total;
}

/** The gain of adding `person` to the group, or null when not allowed. */
function joinGain(person: number, members: readonly number[], score: PairScore): number | null {
  let gain = 0;
  for (const member of members) {
    const s = score(person, member);
    if (s === null) return null;
    gain += s;
  }
  return gain;
}

/**
 * Gives each person in `people` a place in a group of size below `maxSize` where they add most (best
 * pairs of person and group first). Returns the people who fit nowhere.
 */
export function attachWhereTheyAddMost(
  people: readonly number[],
  groups: Group[],
  maxSize: number,
  score: PairScore,
): number[] {
  const offers: [gain: number, person: number, group: number][] = [];
  for (const person of people) {
    groups.forEach((group, g) => {
      if (group.members.length >= maxSize) return;
      const gain = joinGain(person, group.members, score);
      if (gain !== null) offers.push([gain, person, g]);
    });
  }
  offers.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const placed = new Set<number>();
  const filled = new Set<number>();
  for (const [, person, g] of offers) {
    if (placed.has(person) || filled.has(g)) continue;
    groups[g]!.members.push(person);
    placed.add(person);
    filled.add(g);
  }
  return people.filter((person) => !placed.has(person));
}

/**
 * Swaps single members between two movable groups whenever that raises the sum of both groups' scores,
 * until no swap helps (or `maxPasses`). Returns the number of swaps made.
 */
export function improveBySwaps(groups: Group[], score: PairScore, maxPasses = 25): number {
  let swaps = 0;
  const scores = groups.map((group) => groupScore(group.members, score));
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (let g = 0; g < groups.length; g++) {
      if (groups[g]!.fixed) continue;
      for (let h = g + 1; h < groups.length; h++) {
        if (groups[h]!.fixed) continue;
        const left = groups[g]!.members;
        const right = groups[h]!.members;
        for (let a = 0; a < left.length; a++) {
          for (let b = 0; b < right.length; b++) {
            const newLeft = left.map((m, i) => (i === a ? right[b]! : m));
            const newRight = right.map((m, i) => (i === b ? left[a]! : m));
            const l = groupScore(newLeft, score);
            const r = groupScore(newRight, score);
            // A strict gain with a small margin, so rounding never makes the search cycle.
            if (l + r > scores[g]! + scores[h]! + 1e-9) {
              groups[g]!.members = newLeft;
              groups[h]!.members = newRight;
              scores[g] = l;
              scores[h] = r;
              swaps++;
              improved = true;
              break;
            }
          }
          if (groups[g]!.members !== left) break;
        }
      }
    }
    if (!improved) break;
  }
  return swaps;
}
