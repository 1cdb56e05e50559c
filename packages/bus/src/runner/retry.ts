import { setTimeout as delay } from 'node:timers/promises';

/** How a failing record is retried before its partition is paused. */
export interface RetryPolicy {
  /** Deliveries of one record, the first included, before the partition is paused. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /** Fraction of each delay that is randomised (0..1), so many consumers do not retry in lockstep. */
  jitter: number;
  /** How long a partition stays paused after the retries are used up, before the health check. */
  pauseMs: number;
  /**
   * Pause cycles one record may cause while the health check says healthy; after that it is dead-lettered
   * (`RETRIES_EXHAUSTED`). While unhealthy the partition keeps pausing: an outage never dead-letters.
   */
  maxPauses: number;
}

/**
 * Five attempts spanning about 1.5 s ride out a Redis failover or a leader election; beyond that the
 * partition is paused so a long outage costs nothing but lag. Ten pauses (about a minute of failing while
 * every dependency reports healthy) is far past any transient blip, so such a record is a bug, not an outage.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  multiplier: 2,
  jitter: 0.2,
  pauseMs: 5_000,
  maxPauses: 10,
});

/** The default policy with the given fields replaced. */
export function retryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...partial };
}

/** Delay before retry number `attempt` (1 = first retry): exponential, capped, with jitter. */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (attempt - 1));
  const spread = base * policy.jitter;
  return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}

/** Sleeps unless aborted; resolves false when the signal cut the wait short. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted === true) return false;
  try {
    await delay(ms, undefined, signal === undefined ? undefined : { signal });
    return true;
  } catch {
    return false;
  }
}
