import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { compatibility, type MatchingProfile, prepareProfile } from './compatibility';
import { compilePairScorer } from './pair-scorer';
import { profile } from './test-profiles';
import { defaultMatchingWeights, resolveWeights } from './weights';

const reference = new Date('2026-03-29T12:00:00Z'); // a daylight-saving switch in Europe

function randomProfiles(seed: number, count: number): MatchingProfile[] {
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

describe('compilePairScorer', () => {
  it('gives exactly what compatibility() gives, for every pair and several weightings', () => {
    const weightings = [
      defaultMatchingWeights,
      resolveWeights({ requireAdjacentStage: 0, requireLanguage: 0, requireDifferentTeam: 1 }),
      resolveWeights({ skills: 0, goals: 5, differentTeam: 2, timeZone: 0 }),
    ];
    for (const [w, weights] of weightings.entries()) {
      const people = randomProfiles(40 + w, 60).map(prepareProfile);
      const score = compilePairScorer(people, weights, reference);
      let allowed = 0;
      for (let i = 0; i < people.length; i++) {
        for (let j = 0; j < people.length; j++) {
          if (i === j) continue;
          const expected = compatibility(people[i]!, people[j]!, weights, reference);
          expect(score(i, j), `weights ${w}, pair ${i}-${j}`).toBe(expected);
          if (expected !== null) allowed++;
        }
      }
      expect(allowed).toBeGreaterThan(100);
    }
  });
});
