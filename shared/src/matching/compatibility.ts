// Compatibility of two participants from their profiles: a score in 0…1 made of weighted terms, or
// "not allowed" when a requirement fails. Profiles are prepared once (lower-cased sets, UTC offsets) so
// scoring millions of pairs stays cheap.
import type { MatchingWeights } from './weights';
import {
  defaultWorkingHours,
  overlapHours,
  utcIntervals,
  utcOffsetMinutes,
  type WorkingHours,
} from './working-hours';

export interface MatchingProfile {
  /** Stable identity (participant id); ties are broken by it, so results do not depend on input order. */
  id: string;
  name: string;
  email: string;
  careerStage: string;
  skillsOffered: readonly string[];
  skillsSought: readonly string[];
  goals: readonly string[];
  team: string | null;
  languages: readonly string[];
  timeZone: string;
  workingHours: WorkingHours | null;
  /** Emails this person must never be matched with. */
  exclusions: readonly string[];
}

/** Career stages in order; neighbours on this ladder are "adjacent". Other stages only match their own. */
export const careerLadder = ['student', 'early-career', 'mid-career', 'senior', 'lead', 'executive'] as const;
const stageAliases: Record<string, string> = {
  junior: 'early-career',
  early: 'early-career',
  mid: 'mid-career',
};

export interface PreparedProfile {
  profile: MatchingProfile;
  stage: string;
  /** Position on the career ladder, or -1 when the stage is not on it. */
  rung: number;
  offered: Map<string, string>;
  sought: Map<string, string>;
  goals: Map<string, string>;
  languages: Map<string, string>;
  team: string | null;
  hours: WorkingHours;
  /** The working day in UTC for `utcAt` (a reference date's time), computed on first use. */
  utc: { at: number; intervals: [number, number][] } | null;
}

function utcHours(person: PreparedProfile, reference: Date): [number, number][] {
  const at = reference.getTime();
  if (person.utc?.at !== at) {
    const offset = utcOffsetMinutes(person.profile.timeZone, reference);
    person.utc = { at, intervals: utcIntervals(person.hours, offset) };
  }
  return person.utc.intervals;
}

const keyed = (items: readonly string[]) =>
  new Map(items.map((item) => [item.trim().toLowerCase(), item.trim()] as const).filter(([key]) => key));

export function prepareProfile(profile: MatchingProfile): PreparedProfile {
  const raw = profile.careerStage.trim().toLowerCase();
  const stage = stageAliases[raw] ?? raw;
  return {
    profile,
    stage,
    rung: (careerLadder as readonly string[]).indexOf(stage),
    offered: keyed(profile.skillsOffered),
    sought: keyed(profile.skillsSought),
    goals: keyed(profile.goals),
    languages: keyed(profile.languages),
    team: profile.team?.trim().toLowerCase() || null,
    hours: profile.workingHours ?? defaultWorkingHours,
    utc: null,
  };
}

/** 0 same stage, 1 adjacent, 2 further apart or incomparable. */
function stageDistance(a: PreparedProfile, b: PreparedProfile): number {
  if (a.stage === b.stage) return 0;
  if (a.rung >= 0 && b.rung >= 0) return Math.min(2, Math.abs(a.rung - b.rung));
  return 2;
}

function overlap(a: Map<string, string>, b: Map<string, string>): string[] {
  const shared: string[] = [];
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [key] of small) if (large.has(key)) shared.push(a.get(key)!);
  return shared;
}

/** Two skills taught in one direction saturate that direction. */
const direction = (count: number) => Math.min(1, count / 2);

export interface PairTerms {
  stage: number;
  skills: number;
  goals: number;
  timeZone: number;
  differentTeam: number;
  teaches: string[];
  learns: string[];
  sharedGoals: string[];
  sharedHours: number;
  sharedLanguages: string[];
}

/** The raw terms (each 0…1) of a pair, or null when a requirement fails. */
export function pairTerms(
  a: PreparedProfile,
  b: PreparedProfile,
  weights: MatchingWeights,
  reference: Date,
): PairTerms | null {
  const distance = stageDistance(a, b);
  if (weights.requireAdjacentStage > 0 && distance > 1) return null;
  const sharedLanguages = overlap(a.languages, b.languages);
  if (weights.requireLanguage > 0 && a.languages.size && b.languages.size && !sharedLanguages.length)
    return null;
  const sameTeam = a.team !== null && a.team === b.team;
  if (weights.requireDifferentTeam > 0 && sameTeam) return null;
  const teaches = overlap(a.offered, b.sought); // a can teach b
  const learns = overlap(b.offered, a.sought); // b can teach a
  const one = direction(teaches.length);
  const other = direction(learns.length);
  const sharedGoals = overlap(a.goals, b.goals);
  const goalUnion = a.goals.size + b.goals.size - sharedGoals.length;
  const sharedHours = overlapHours(utcHours(a, reference), utcHours(b, reference));
  return {
    stage: distance === 0 ? 1 : distance === 1 ? 0.5 : 0,
    // Mutual exchange (both directions) is worth four times a one-way one: (a + b + 2·min) / 4.
    skills: (one + other + 2 * Math.min(one, other)) / 4,
    goals: goalUnion ? sharedGoals.length / goalUnion : 0,
    timeZone: Math.min(1, sharedHours / 4),
    differentTeam: a.team !== null && b.team !== null && !sameTeam ? 1 : 0,
    teaches,
    learns,
    sharedGoals,
    sharedHours,
    sharedLanguages,
  };
}

const termKeys = ['stage', 'skills', 'goals', 'timeZone', 'differentTeam'] as const;
const weightOf: Record<(typeof termKeys)[number], keyof MatchingWeights> = {
  stage: 'careerStage',
  skills: 'skills',
  goals: 'goals',
  timeZone: 'timeZone',
  differentTeam: 'differentTeam',
};

/** The weighted score of the terms, 0…1. */
export function scoreTerms(terms: PairTerms, weights: MatchingWeights): number {
  let total = 0;
  let sum = 0;
  for (const key of termKeys) {
    total += weights[weightOf[key]];
    sum += weights[weightOf[key]] * terms[key];
  }
  return total > 0 ? sum / total : 0;
}

/** Compatibility of a pair in 0…1, or null when the pair is not allowed by the requirements. */
export function compatibility(
  a: PreparedProfile,
  b: PreparedProfile,
  weights: MatchingWeights,
  reference: Date,
): number | null {
  const terms = pairTerms(a, b, weights, reference);
  return terms && scoreTerms(terms, weights);
}
