import { describe, expect, it } from 'vitest';
import { compatibility, prepareProfile } from './compatibility';
import { compilePairScorer } from './pair-scorer';
import { randomProfiles } from './test-profiles';
import { defaultMatchingWeights, resolveWeights } from './weights';

const reference = new Date('2026-03-29T12:00:00Z'); // a daylight-saving switch in Europe

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
