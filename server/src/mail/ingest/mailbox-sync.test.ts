import { describe, expect, it } from 'vitest';
import { planBatches, uidSet } from './mailbox-sync';

describe('planBatches', () => {
  it('cuts at the message count and at the byte budget, a big message alone', () => {
    const sized = [1, 2, 3, 4, 5, 6].map((uid) => ({ uid, size: uid === 4 ? 1000 : 10 }));
    expect(planBatches(sized, 2, 100)).toEqual([[1, 2], [3], [4], [5, 6]]);
    expect(planBatches([], 2, 100)).toEqual([]);
  });
  it('starts with a small batch and doubles up to the count', () => {
    const sized = Array.from({ length: 20 }, (_, i) => ({ uid: i + 1, size: 1 }));
    expect(planBatches(sized, 8, 1000, 2).map((batch) => batch.length)).toEqual([2, 4, 8, 6]);
    expect(planBatches(sized, 8, 1000, 20).map((batch) => batch.length)).toEqual([8, 8, 4]);
  });
});

describe('uidSet', () => {
  it('compresses runs into ranges', () => {
    expect(uidSet([1, 2, 3, 5, 9, 10])).toBe('1:3,5,9:10');
    expect(uidSet([7])).toBe('7');
  });
});
