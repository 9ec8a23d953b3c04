import { describe, expect, it } from 'vitest';
import { planBatches } from './mailbox-sync';

describe('planBatches', () => {
  it('cuts at the message count and at the byte budget, a big message alone', () => {
    const sized = [1, 2, 3, 4, 5, 6].map((uid) => ({ uid, size: uid === 4 ? 1000 : 10 }));
    expect(planBatches(sized, 2, 100)).toEqual([[1, 2], [3], [4], [5, 6]]);
    expect(planBatches([], 2, 100)).toEqual([]);
  });
  it('starts with a small batch that doubles up to the count, and halves what is left near the end', () => {
    const sized = (length: number) => Array.from({ length }, (_, i) => ({ uid: i + 1, size: 1 }));
    const lengths = (batches: number[][]) => batches.map((batch) => batch.length);
    expect(lengths(planBatches(sized(20), 8, 1000, 2))).toEqual([2, 4, 7, 4, 3]);
    expect(lengths(planBatches(sized(10_000), 2000, 1e9, 250))).toEqual([
      250, 500, 1000, 2000, 2000, 2000, 1125, 563, 281, 281,
    ]);
    expect(lengths(planBatches(sized(20), 8, 1000, 20))).toEqual([8, 8, 4]);
    expect(planBatches(sized(20), 8, 1000, 2).flat()).toEqual(sized(20).map((m) => m.uid));
  });
});
