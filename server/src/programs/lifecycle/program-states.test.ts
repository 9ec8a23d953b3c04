import { describe, expect, it } from 'vitest';
import { programStatuses } from '../../db/schema';
import { assertTransition, canTransition } from './program-states';

describe('program state machine', () => {
  it('walks the whole life of a program', () => {
    const path = ['draft', 'enrolling', 'matching', 'running', 'closing', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('refuses skipping, going back (except matching → enrolling) and leaving closed', () => {
    expect(canTransition('draft', 'running')).toBe(false);
    expect(canTransition('running', 'matching')).toBe(false);
    expect(canTransition('matching', 'enrolling')).toBe(true);
    for (const to of programStatuses) expect(canTransition('closed', to)).toBe(false);
    expect(() => assertTransition('draft', 'closed')).toThrow(
      /cannot move from draft to closed \(next: enrolling\)/,
    );
  });
});
