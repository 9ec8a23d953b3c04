// When to try a deferred mail again: exponential backoff with jitter, so that many jobs deferred by the
// same outage do not all come back in the same second (a retry storm).

export interface BackoffPolicy {
  /** Delay before the second attempt. */
  baseMs: number;
  /** Upper bound for any delay. */
  maxMs: number;
  /** After this many attempts a transient failure becomes dead letter. */
  maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 30_000, maxMs: 6 * 60 * 60_000, maxAttempts: 10 };

/**
 * Delay after the given number of attempts (1 = the first attempt failed): base·2^(attempts−1), capped,
 * then "equal jitter": half fixed, half random, so retries spread out but never come back at once.
 * @example retryDelayMs(3, defaultBackoff) // between 60 s and 120 s
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random: () => number = Math.random) {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
