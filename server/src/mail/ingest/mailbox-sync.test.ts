import { describe, expect, it } from 'vitest';
import { planBatches, uidSet } from './mailbox-sync';

describe('planBatches', () => {
  it('cuts at the message count and at the byte budget, a big message alone', () => {
    const sized = [1, 2, 3, 4, 5, 6].map((uid) => ({ uid, size: uid === 4 ? 1000 : 10 }));
    expect(planBatches(sized, 2, 100)).toEqual([[1, 2], [3], [4], [5, 6]]);
    expect(planBatches([], 2, 100)).toEqual([]);
  });
});

describe('uidSet', () => {
  it('compresses runs into ranges', () => {
    expect(uidSet([1, 2, 3, 5, 9, 10])).toBe('1:3,5,9:10');
    expect(uidSet([7])).toBe('7');
  });
});
