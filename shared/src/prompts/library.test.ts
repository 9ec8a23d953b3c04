import { describe, expect, it } from 'vitest';
import { promptLibrary, promptStages } from './library';

describe('promptLibrary', () => {
  it('covers every stage of a peer relationship with unique keys', () => {
    const keys = promptLibrary.map((prompt) => prompt.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const stage of promptStages) expect(promptLibrary.some((p) => p.stage === stage)).toBe(true);
    for (const key of ['getting-to-know', 'goal-setting', 'role-flip', 'reflection', 'wrap-up']) {
      expect(keys).toContain(key);
    }
  });

  it('is ordered by week so the scheduler can take the first unsent prompt', () => {
    const weeks = promptLibrary.map((prompt) => prompt.week);
    expect([...weeks].sort((a, b) => a - b)).toEqual(weeks);
  });
});
