import { describe, expect, it } from 'vitest';
import { roleForMatch, type Scope } from './scope';

const scope = (partial: Partial<Scope>): Scope => ({
  userId: 'u',
  memberMatchIds: new Set(),
  coordinatedProgramIds: new Set(),
  adminOrganisationIds: new Set(),
  ...partial,
});

describe('roleForMatch', () => {
  const match = { id: 'm1', programId: 'p1' };
  it('lets members see their own match as participants', () => {
    expect(roleForMatch(scope({ memberMatchIds: new Set(['m1']) }), match)).toBe('participant');
  });
  it('lets coordinators of the program see it as coordinators', () => {
    expect(roleForMatch(scope({ coordinatedProgramIds: new Set(['p1']) }), match)).toBe('coordinator');
  });
  it('shows nothing to anyone else', () => {
    expect(
      roleForMatch(scope({ memberMatchIds: new Set(['m2']), coordinatedProgramIds: new Set(['p2']) }), match),
    ).toBeUndefined();
  });
  it('prefers the participant view when a coordinator is also a member', () => {
    expect(
      roleForMatch(scope({ memberMatchIds: new Set(['m1']), coordinatedProgramIds: new Set(['p1']) }), match),
    ).toBe('participant');
  });
});
