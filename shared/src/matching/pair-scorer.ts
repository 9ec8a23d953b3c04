// The compatibility score of compatibility.ts, compiled for scoring millions of pairs: every profile's
// sets become sorted arrays of interned ids, so a pair costs a few integer merges and no allocation.
// Gives exactly the number compatibility() gives (same terms, same order of arithmetic).
import type { PreparedProfile } from './compatibility';
import type { MatchingWeights } from './weights';
import { utcIntervals, utcOffsetMinutes } from './working-hours';

interface Compiled {
  stage: number;
  rung: number;
  offered: Int32Array;
  sought: Int32Array;
  goals: Int32Array;
  languages: Int32Array;
  team: number;
  /** The working day as up to two UTC minute intervals [start0, end0, start1, end1] (empty: 0, 0). */
  hours: Float64Array;
}

/** |a ∩ b| for two sorted id arrays. */
function common(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      count++;
      i++;
      j++;
    }
  }
  return count;
}

/** Minutes two working days (as in Compiled.hours) have in common; overlapHours() without allocation. */
function sharedMinutes(a: Float64Array, b: Float64Array): number {
  let minutes = 0;
  for (let i = 0; i < 4; i += 2) {
    for (let j = 0; j < 4; j += 2) {
      minutes += Math.max(0, Math.min(a[i + 1]!, b[j + 1]!) - Math.max(a[i]!, b[j]!));
    }
  }
  return minutes;
}

/** Scores pairs of `people` by index: compatibility in 0…1, or null when a requirement fails. */
export function compilePairScorer(
  people: readonly PreparedProfile[],
  weights: MatchingWeights,
  reference: Date,
): (i: number, j: number) => number | null {
  const ids = new Map<string, number>();
  const intern = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const idsOf = (map: Map<string, string>) => Int32Array.from([...map.keys()].map(intern)).sort();
  const compiled: Compiled[] = people.map((person) => ({
    stage: intern(`stage:${person.stage}`),
    rung: person.rung,
    offered: idsOf(person.offered),
    sought: idsOf(person.sought),
    goals: idsOf(person.goals),
    languages: idsOf(person.languages),
    team: person.team === null ? -1 : intern(`team:${person.team}`),
    hours: Float64Array.from(
      utcIntervals(person.hours, utcOffsetMinutes(person.profile.timeZone, reference))
        .concat([[0, 0]])
        .flat(),
    ),
  }));
  const total =
    weights.careerStage + weights.skills + weights.goals + weights.timeZone + weights.differentTeam;
  const direction = (count: number) => Math.min(1, count / 2);
  return (i, j) => {
    const a = compiled[i]!;
    const b = compiled[j]!;
    const distance =
      a.stage === b.stage ? 0 : a.rung >= 0 && b.rung >= 0 ? Math.min(2, Math.abs(a.rung - b.rung)) : 2;
    if (weights.requireAdjacentStage > 0 && distance > 1) return null;
    if (
      weights.requireLanguage > 0 &&
      a.languages.length &&
      b.languages.length &&
      !common(a.languages, b.languages)
    )
      return null;
    const sameTeam = a.team !== -1 && a.team === b.team;
    if (weights.requireDifferentTeam > 0 && sameTeam) return null;
    const one = direction(common(a.offered, b.sought));
    const other = direction(common(b.offered, a.sought));
    const sharedGoals = common(a.goals, b.goals);
    const goalUnion = a.goals.length + b.goals.length - sharedGoals;
    const stage = distance === 0 ? 1 : distance === 1 ? 0.5 : 0;
    const skills = (one + other + 2 * Math.min(one, other)) / 4;
    const goals = goalUnion ? sharedGoals / goalUnion : 0;
    const timeZone = Math.min(1, sharedMinutes(a.hours, b.hours) / 60 / 4);
    const differentTeam = a.team !== -1 && b.team !== -1 && !sameTeam ? 1 : 0;
    let sum = 0;
    sum += weights.careerStage * stage;
    sum += weights.skills * skills;
    sum += weights.goals * goals;
    sum += weights.timeZone * timeZone;
    sum += weights.differentTeam * differentTeam;
    return total > 0 ? sum / total : 0;
  };
}
