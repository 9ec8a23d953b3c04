// The compatibility score of compatibility.ts, compiled for scoring millions of pairs: every profile's
// sets become sorted runs of interned ids in flat typed arrays, so a pair costs a few integer merges and
// no allocation. Gives exactly the number compatibility() gives (same terms, same order of arithmetic).
import type { PreparedProfile } from './compatibility';
import type { MatchingWeights } from './weights';
import { utcIntervals, utcOffsetMinutes } from './working-hours';

/** One set per person as sorted interned ids: person i's ids are ids[start[i]] … ids[start[i + 1] - 1]. */
export interface IdRuns {
  start: Int32Array;
  ids: Int32Array;
}

/** Everyone's profile as interned ids in typed arrays (shared by the scorer and the candidate index). */
export interface CompiledProfiles {
  count: number;
  /** Interned stage name per person. */
  stage: Int32Array;
  /** Position on the career ladder, or -1. */
  rung: Int32Array;
  offered: IdRuns;
  sought: IdRuns;
  goals: IdRuns;
  languages: IdRuns;
  /** Interned team per person, or -1 for none. */
  team: Int32Array;
  /** The working day as up to two UTC minute intervals per person [s0, e0, s1, e1] (unused: 0, 0). */
  hours: Float64Array;
}

function idRuns(
  people: readonly PreparedProfile[],
  set: (person: PreparedProfile) => Map<string, string>,
  intern: (key: string) => number,
): IdRuns {
  const start = new Int32Array(people.length + 1);
  const ids: number[] = [];
  people.forEach((person, i) => {
    const own = Int32Array.from([...set(person).keys()].map(intern)).sort();
    for (const id of own) ids.push(id);
    start[i + 1] = ids.length;
  });
  return { start, ids: Int32Array.from(ids) };
}

export function compileProfiles(people: readonly PreparedProfile[], reference: Date): CompiledProfiles {
  const interned = new Map<string, number>();
  const intern = (key: string) => {
    let id = interned.get(key);
    if (id === undefined) {
      id = interned.size;
      interned.set(key, id);
    }
    return id;
  };
  const hours = new Float64Array(4 * people.length);
  people.forEach((person, i) => {
    const intervals = utcIntervals(person.hours, utcOffsetMinutes(person.profile.timeZone, reference));
    hours.set(intervals.flat(), 4 * i);
  });
  return {
    count: people.length,
    stage: Int32Array.from(people, (person) => intern(`stage:${person.stage}`)),
    rung: Int32Array.from(people, (person) => person.rung),
    offered: idRuns(people, (person) => person.offered, intern),
    sought: idRuns(people, (person) => person.sought, intern),
    goals: idRuns(people, (person) => person.goals, intern),
    languages: idRuns(people, (person) => person.languages, intern),
    team: Int32Array.from(people, (person) => (person.team === null ? -1 : intern(`team:${person.team}`))),
    hours,
  };
}

/** The same people renumbered: person x of the result is person order[x] of `profiles`. */
export function permuteProfiles(profiles: CompiledProfiles, order: Int32Array): CompiledProfiles {
  const pick = (values: Int32Array) => order.map((i) => values[i]!);
  const runs = ({ start, ids }: IdRuns): IdRuns => {
    const newStart = new Int32Array(order.length + 1);
    order.forEach((i, x) => {
      newStart[x + 1] = newStart[x]! + start[i + 1]! - start[i]!;
    });
    const newIds = new Int32Array(ids.length);
    order.forEach((i, x) => {
      newIds.set(ids.subarray(start[i]!, start[i + 1]!), newStart[x]!);
    });
    return { start: newStart, ids: newIds };
  };
  const hours = new Float64Array(profiles.hours.length);
  order.forEach((i, x) => {
    hours.set(profiles.hours.subarray(4 * i, 4 * i + 4), 4 * x);
  });
  return {
    count: order.length,
    stage: pick(profiles.stage),
    rung: pick(profiles.rung),
    offered: runs(profiles.offered),
    sought: runs(profiles.sought),
    goals: runs(profiles.goals),
    languages: runs(profiles.languages),
    team: pick(profiles.team),
    hours,
  };
}

/** |a's run ∩ b's run| of two runs of sorted ids (person a's in one array, person b's in another). */
function common(
  leftStart: Int32Array,
  leftIds: Int32Array,
  a: number,
  rightStart: Int32Array,
  rightIds: Int32Array,
  b: number,
): number {
  let i = leftStart[a]!;
  const iEnd = leftStart[a + 1]!;
  let j = rightStart[b]!;
  const jEnd = rightStart[b + 1]!;
  let count = 0;
  while (i < iEnd && j < jEnd) {
    const x = leftIds[i]!;
    const y = rightIds[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      count++;
      i++;
      j++;
    }
  }
  return count;
}

/** Minutes the working days of people a and b have in common; overlapHours() without allocation. */
function sharedMinutes(hours: Float64Array, a: number, b: number): number {
  let minutes = 0;
  for (let i = 4 * a; i < 4 * a + 4; i += 2) {
    for (let j = 4 * b; j < 4 * b + 4; j += 2) {
      minutes += Math.max(0, Math.min(hours[i + 1]!, hours[j + 1]!) - Math.max(hours[i]!, hours[j]!));
    }
  }
  return minutes;
}

/** 0 same stage, 1 adjacent, 2 further apart or incomparable (as compatibility.ts's stageDistance). */
export function stageDistance(profiles: CompiledProfiles, a: number, b: number): number {
  return distanceOf(profiles.stage, profiles.rung, a, b);
}

function distanceOf(stage: Int32Array, rung: Int32Array, a: number, b: number): number {
  if (stage[a] === stage[b]) return 0;
  return rung[a]! >= 0 && rung[b]! >= 0 ? Math.min(2, Math.abs(rung[a]! - rung[b]!)) : 2;
}

/** Scores pairs of compiled people by index: compatibility in 0…1, or null when a requirement fails. */
export function scorerOf(
  profiles: CompiledProfiles,
  weights: MatchingWeights,
): (i: number, j: number) => number | null {
  // Plain locals, not property reads, in the loop that runs millions of times.
  const { stage, rung, team, hours } = profiles;
  const { start: offeredStart, ids: offeredIds } = profiles.offered;
  const { start: soughtStart, ids: soughtIds } = profiles.sought;
  const { start: goalStart, ids: goalIds } = profiles.goals;
  const { start: languageStart, ids: languageIds } = profiles.languages;
  const requireStage = weights.requireAdjacentStage > 0;
  const requireLanguage = weights.requireLanguage > 0;
  const requireDifferentTeam = weights.requireDifferentTeam > 0;
  const { careerStage, skills: skillWeight, goals: goalWeight, timeZone: zoneWeight } = weights;
  const teamWeight = weights.differentTeam;
  const total = careerStage + skillWeight + goalWeight + zoneWeight + teamWeight;
  const direction = (count: number) => Math.min(1, count / 2);
  return (i, j) => {
    const distance = distanceOf(stage, rung, i, j);
    if (requireStage && distance > 1) return null;
    if (
      requireLanguage &&
      languageStart[i + 1]! > languageStart[i]! &&
      languageStart[j + 1]! > languageStart[j]! &&
      !common(languageStart, languageIds, i, languageStart, languageIds, j)
    )
      return null;
    const sameTeam = team[i] !== -1 && team[i] === team[j];
    if (requireDifferentTeam && sameTeam) return null;
    const teaches = direction(common(offeredStart, offeredIds, i, soughtStart, soughtIds, j)); // i teaches j
    const learns = direction(common(offeredStart, offeredIds, j, soughtStart, soughtIds, i)); // j teaches i
    const sharedGoals = common(goalStart, goalIds, i, goalStart, goalIds, j);
    const goalUnion = goalStart[i + 1]! - goalStart[i]! + goalStart[j + 1]! - goalStart[j]! - sharedGoals;
    const stageScore = distance === 0 ? 1 : distance === 1 ? 0.5 : 0;
    const skills = (teaches + learns + 2 * Math.min(teaches, learns)) / 4;
    const goals = goalUnion ? sharedGoals / goalUnion : 0;
    const timeZone = Math.min(1, sharedMinutes(hours, i, j) / 60 / 4);
    const differentTeam = team[i] !== -1 && team[j] !== -1 && !sameTeam ? 1 : 0;
    let sum = 0;
    sum += careerStage * stageScore;
    sum += skillWeight * skills;
    sum += goalWeight * goals;
    sum += zoneWeight * timeZone;
    sum += teamWeight * differentTeam;
    return total > 0 ? sum / total : 0;
  };
}

/** Scores pairs of `people` by index: compatibility in 0…1, or null when a requirement fails. */
export function compilePairScorer(
  people: readonly PreparedProfile[],
  weights: MatchingWeights,
  reference: Date,
): (i: number, j: number) => number | null {
  return scorerOf(compileProfiles(people, reference), weights);
}
