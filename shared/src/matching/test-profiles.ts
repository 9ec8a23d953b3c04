// Participant profiles for matching tests: one with defaults, or many with awkward variety.
import { seededRandom } from '../seeded-random';
import type { MatchingProfile } from './compatibility';

export function profile(overrides: Partial<MatchingProfile> & { id: string }): MatchingProfile {
  return {
    name: overrides.id,
    email: `${overrides.id.toLowerCase()}@example.org`,
    careerStage: 'early-career',
    skillsOffered: [],
    skillsSought: [],
    goals: [],
    team: null,
    languages: [],
    timeZone: 'UTC',
    workingHours: null,
    exclusions: [],
    ...overrides,
  };
}

/** Profiles with every awkward case: aliases and off-ladder stages, case and space variants, no team or
 * languages, unknown zones, days across midnight. */
export function randomProfiles(seed: number, count: number): MatchingProfile[] {
  const random = seededRandom(seed);
  const skills = ['SQL', 'sql ', 'Python', 'public speaking', 'Writing', 'design', 'hiring'];
  const stages = ['student', 'junior', 'Early-Career', 'mid', 'senior', 'lead', 'artist', ''];
  const zones = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Sydney',
    'Nowhere/Else',
  ];
  return Array.from({ length: count }, (_, i) =>
    profile({
      id: `p${i}`,
      careerStage: random.pick(stages),
      skillsOffered: random.sample(skills, random.int(0, 4)),
      skillsSought: random.sample(skills, random.int(0, 4)),
      goals: random.sample(['grow', 'Lead', 'lead', 'switch'], random.int(0, 3)),
      team: random.chance(0.2) ? null : random.pick(['Data', 'data', 'Sales', ' ']),
      languages: random.chance(0.2) ? [] : random.sample(['English', 'german', 'French'], random.int(1, 3)),
      timeZone: random.pick(zones),
      workingHours: random.chance(0.3) ? null : { start: random.int(0, 24), end: random.int(0, 24) },
    }),
  );
}
