import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import type { MatchingProfile } from './compatibility';
import { planMatches } from './plan-matches';
import { profile } from './test-profiles';
import { defaultMatchingWeights } from './weights';

const reference = new Date('2026-03-02T12:00:00Z');
const skills = ['SQL', 'writing', 'hiring', 'design', 'public speaking', 'budgeting', 'Rust', 'negotiation'];
const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
const stages = ['early-career', 'mid-career', 'senior'];

function people(count: number, seed: number): MatchingProfile[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    profile({
      id: `p${String(i).padStart(3, '0')}`,
      careerStage: random.pick(stages),
      skillsOffered: random.sample(skills, 2),
      skillsSought: random.sample(skills, 2),
      goals: random.sample(['leadership', 'career change', 'visibility'], 1),
      team: random.pick(['A', 'B', 'C']),
      timeZone: random.pick(zones),
    }),
  );
}

const plan = (profiles: MatchingProfile[], extra: Partial<Parameters<typeof planMatches>[0]> = {}) =>
  planMatches({ profiles, weights: defaultMatchingWeights, pairSize: 2, reference, ...extra });

describe('planMatches', () => {
  it('never matches excluded or blocked pairs, keeps pins, and explains every match', () => {
    const group = people(30, 1);
    group[0] = { ...group[0]!, exclusions: [group[1]!.email] };
    const blocked = [[group[2]!.id, group[3]!.id]] as const;
    const pinned = [[group[4]!.id, group[5]!.id]] as const;
    for (let seed = 0; seed < 5; seed++) {
      const result = plan(group, { blocked, pinned, denseLimit: seed % 2 ? 10 : 3000 });
      const together = (a: string, b: string) =>
        result.matches.some((m) => m.memberIds.includes(a) && m.memberIds.includes(b));
      expect(together(group[0]!.id, group[1]!.id)).toBe(false);
      expect(together(group[2]!.id, group[3]!.id)).toBe(false);
      expect(together(group[4]!.id, group[5]!.id)).toBe(true);
      expect(result.matches.find((m) => m.pinned)?.explanation[0]).toBe('pinned by the coordinator');
      for (const match of result.matches) expect(match.explanation.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic whatever the input order', () => {
    const group = people(41, 2);
    const shuffled = [...group].reverse();
    expect(plan(shuffled)).toEqual(plan(group));
  });

  it('on a sparse candidate graph: deterministic whatever the order, pins kept, the best pairs forbidden', () => {
    const group = people(400, 4);
    // Two perfect pairs (complementary skills both ways, same everything else), then forbid them.
    const perfect = (id: string, offers: string[], seeks: string[]) =>
      profile({
        id,
        careerStage: 'senior',
        skillsOffered: offers,
        skillsSought: seeks,
        goals: ['visibility'],
      });
    group.push(
      perfect('x1', ['Rust', 'SQL'], ['design', 'writing']),
      perfect('x2', ['design', 'writing'], ['Rust', 'SQL']),
      perfect('y1', ['hiring', 'budgeting'], ['negotiation', 'Rust']),
      perfect('y2', ['negotiation', 'Rust'], ['hiring', 'budgeting']),
    );
    const partnerIn = (proposal: ReturnType<typeof planMatches>, id: string) =>
      proposal.matches.find((m) => m.memberIds.includes(id))?.memberIds;
    const unconstrained = plan(group, { denseLimit: 100 });
    expect(partnerIn(unconstrained, 'x1')).toEqual(['x1', 'x2']);
    expect(partnerIn(unconstrained, 'y1')).toEqual(['y1', 'y2']);

    group[group.length - 2] = { ...group.at(-2)!, exclusions: ['Y2@example.org'] };
    const options = {
      denseLimit: 100,
      blocked: [['x1', 'x2']] as const,
      pinned: [['p000', 'p001']] as const,
    };
    const result = plan(group, options);
    expect(result.graph.sparse).toBe(true);
    expect(plan([...group].reverse(), options)).toEqual(result);
    expect(partnerIn(result, 'x1')).not.toContain('x2');
    expect(partnerIn(result, 'y1')).not.toContain('y2');
    expect(partnerIn(result, 'p000')).toEqual(['p000', 'p001']);
    expect(result.unmatchedIds).toEqual([]);
  });

  it('gives the odd person a place in the pair where they add most', () => {
    const result = plan(people(9, 3).map((p) => ({ ...p, careerStage: 'mid-career' })));
    expect(result.unmatchedIds).toEqual([]);
    expect(result.matches.map((m) => m.memberIds.length).sort()).toEqual([2, 2, 2, 3]);
  });

  it('forms groups of three (and one of four for a remainder), improving on the first assignment', () => {
    const group = people(31, 4).map((p) => ({ ...p, careerStage: 'mid-career' }));
    const result = plan(group, { pairSize: 3 });
    expect(result.matches.map((m) => m.memberIds.length).sort()).toEqual([...Array(9).fill(3), 4]);
    expect(new Set(result.matches.flatMap((m) => m.memberIds)).size).toBe(31);
    expect(plan([...group].reverse(), { pairSize: 3 })).toEqual(result);
  });

  it('leaves people unmatched when nobody is allowed for them', () => {
    const result = plan([
      profile({ id: 'a', careerStage: 'student' }),
      profile({ id: 'b', careerStage: 'student' }),
      profile({ id: 'c', careerStage: 'executive' }),
    ]);
    expect(result.matches.map((m) => m.memberIds)).toEqual([['a', 'b']]);
    expect(result.unmatchedIds).toEqual(['c']);
  });
});
