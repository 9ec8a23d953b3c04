import { describe, expect, it } from 'vitest';
import { type BackoffPolicy, retryDelayMs } from './backoff';

const policy: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 };

describe('retryDelayMs', () => {
  it('doubles per attempt, between half and all of the ceiling', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(2, policy, () => 0)).toBe(1000);
    expect(retryDelayMs(4, policy, () => 1)).toBe(8000);
  });

  it('never exceeds the maximum, even after many attempts', () => {
    expect(retryDelayMs(10, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(1000, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(0, policy, () => 1)).toBe(1000);
  });

  it('spreads simultaneous retries out (jitter)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});
