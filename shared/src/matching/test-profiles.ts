// A participant profile with defaults, for matching tests.
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
