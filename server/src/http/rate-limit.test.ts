import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows up to the limit per key and window, then resets', () => {
    const limiter = new RateLimiter(2, 1000);
    expect([limiter.hit('a', 0), limiter.hit('a', 10), limiter.hit('a', 20)]).toEqual([true, true, false]);
    expect(limiter.hit('b', 20)).toBe(true);
    expect(limiter.hit('a', 1001)).toBe(true);
  });
});
