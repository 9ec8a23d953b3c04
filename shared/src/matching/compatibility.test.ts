import { describe, expect, it } from 'vitest';
import { compatibility, pairTerms, prepareProfile } from './compatibility';
import { explainGroup, explainPair } from './explanation';
import { profile } from './test-profiles';
import { defaultMatchingWeights, resolveWeights } from './weights';
import { sharedWorkingHours, utcOffsetMinutes } from './working-hours';

const winter = new Date('2026-01-15T12:00:00Z');
const summer = new Date('2026-07-15T12:00:00Z');

const ana = profile({
  id: 'Ana',
  skillsOffered: ['SQL', 'writing'],
  skillsSought: ['public speaking'],
  goals: ['leadership'],
  team: 'Data',
  languages: ['English', 'Portuguese'],
  timeZone: 'Europe/Lisbon',
});
const ben = profile({
  id: 'Ben',
  skillsOffered: ['Public speaking'],
  skillsSought: ['sql'],
  goals: ['Leadership', 'hiring'],
  team: 'Sales',
  languages: ['english'],
  timeZone: 'America/New_York',
});

describe('working hours', () => {
  it('follows daylight saving time on the reference date', () => {
    expect(utcOffsetMinutes('Europe/Berlin', winter)).toBe(60);
    expect(utcOffsetMinutes('Europe/Berlin', summer)).toBe(120);
    expect(utcOffsetMinutes('Asia/Kolkata', winter)).toBe(330);
    const nine = { start: 9, end: 17 };
    expect(
      sharedWorkingHours(
        { timeZone: 'Europe/Lisbon', hours: nine },
        { timeZone: 'America/New_York', hours: nine },
        winter,
      ),
    ).toBe(3);
    expect(
      sharedWorkingHours(
        { timeZone: 'Asia/Tokyo', hours: nine },
        { timeZone: 'America/Los_Angeles', hours: nine },
        winter,
      ),
    ).toBe(1);
    // A night shift crossing midnight.
    expect(
      sharedWorkingHours(
        { timeZone: 'UTC', hours: { start: 22, end: 6 } },
        { timeZone: 'UTC', hours: nine },
        winter,
      ),
    ).toBe(0);
    expect(
      sharedWorkingHours(
        { timeZone: 'UTC', hours: { start: 22, end: 6 } },
        { timeZone: 'Asia/Tokyo', hours: nine },
        winter,
      ),
    ).toBe(6);
  });
});

describe('compatibility', () => {
  const weights = defaultMatchingWeights;
  it('rewards mutual skill exchange over one-way', () => {
    const mutual = pairTerms(prepareProfile(ana), prepareProfile(ben), weights, winter)!;
    expect(mutual.teaches).toEqual(['SQL']);
    expect(mutual.learns).toEqual(['Public speaking']);
    const oneWay = pairTerms(
      prepareProfile(ana),
      prepareProfile({ ...ben, skillsOffered: [] }),
      weights,
      winter,
    )!;
    expect(mutual.skills).toBeGreaterThan(2 * oneWay.skills);
    expect(mutual.sharedGoals).toEqual(['leadership']);
    expect(mutual.sharedHours).toBe(3);
    expect(mutual.differentTeam).toBe(1);
  });

  it('requires adjacent career stages and a common language by default, and both can be switched off', () => {
    const senior = prepareProfile({ ...ben, careerStage: 'senior' });
    const mid = prepareProfile({ ...ben, careerStage: 'Mid-career' });
    expect(compatibility(prepareProfile(ana), senior, weights, winter)).toBeNull();
    expect(compatibility(prepareProfile(ana), mid, weights, winter)).toBeGreaterThan(0);
    expect(
      compatibility(prepareProfile(ana), senior, resolveWeights({ requireAdjacentStage: 0 }), winter),
    ).toBeGreaterThan(0);
    const german = prepareProfile({ ...ben, languages: ['German'] });
    expect(compatibility(prepareProfile(ana), german, weights, winter)).toBeNull();
    expect(
      compatibility(prepareProfile(ana), german, resolveWeights({ requireLanguage: 0 }), winter),
    ).not.toBeNull();
    const sameTeam = prepareProfile({ ...ben, team: 'data' });
    expect(compatibility(prepareProfile(ana), sameTeam, weights, winter)).not.toBeNull();
    expect(
      compatibility(prepareProfile(ana), sameTeam, resolveWeights({ requireDifferentTeam: 1 }), winter),
    ).toBeNull();
  });

  it('takes weights from the program, ignoring invalid values', () => {
    expect(resolveWeights({ skills: 5, goals: -1, timeZone: 'x', unknown: 3 })).toEqual({
      ...weights,
      skills: 5,
    });
  });

  it('explains a match in plain words, strongest reasons first', () => {
    const reasons = explainPair(prepareProfile(ana), prepareProfile(ben), weights, winter);
    expect(reasons).toEqual([
      'both early-career',
      '3 h of shared working hours',
      'Ana can teach SQL, which Ben wants',
      'Ben can teach Public speaking, which Ana wants',
    ]);
  });

  it('names the pair behind each shared trait in a group of three', () => {
    const cy = profile({ id: 'Cy', skillsSought: ['writing'], team: 'Data', languages: ['English'] });
    const members = [ana, ben, cy].map(prepareProfile);
    const reasons = explainGroup(members, defaultMatchingWeights, winter, 12);
    expect(reasons).toContain('Ana and Ben are both early-career');
    expect(reasons).toContain('Ana and Ben share goals: leadership');
    expect(reasons).toContain('Ana can teach writing, which Cy wants');
    expect(reasons.some((reason) => /^both |^shared goals|working hours$/.test(reason))).toBe(false);
    // A pair alone keeps the short form.
    expect(explainPair(members[0]!, members[1]!, defaultMatchingWeights, winter, 12)).toContain(
      'both early-career',
    );
  });
});
