/** Retry schedule of one delivery unit. */
export interface BackoffPolicy {
  /** First retry delay, ms. */
  readonly baseMs: number;
  /** Largest delay between attempts, ms; also caps a receiver's `Retry-After`. */
  readonly maxDelayMs: number;
  /** Attempts before a unit is dead-lettered. */
  readonly maxAttempts: number;
}

/**
 * Roughly the Standard Webhooks example schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h...) compressed to
 * exponential doubling: 12 attempts from 5 s cover about 3 days at the 12 h cap.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxDelayMs: 12 * 3_600_000, maxAttempts: 12 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): "full jitter" over the exponential step,
 * so receivers that failed together do not retry together, but never sooner than the receiver's own
 * `Retry-After` (capped at `maxDelayMs`). `random` is injected so tests are deterministic.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy,
  random: () => number,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: a lower bound keeps a fast-failing receiver from being hammered.
  const jittered = step / 2 + random() * (step / 2);
  const asked = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, policy.maxDelayMs);
  return Math.ceil(Math.max(jittered, asked));
}
