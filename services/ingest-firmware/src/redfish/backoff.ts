/** Per-BMC retry pacing: exponential backoff with full jitter, and rate-limited error logging. */
export interface BackoffPolicy {
  /** Delay after the first failure. */
  readonly baseMs: number;
  /** Ceiling of the delay, however many failures in a row. */
  readonly maxMs: number;
}

/** Defaults sized for BMCs: a flapping BMC is retried within a minute, a dead one every 30 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 30 * 60_000 };

/**
 * The wait before the next attempt after `failures` failures in a row: a uniform draw in
 * [cap/2, cap] with cap = min(max, base * 2^(failures-1)). Half-jitter keeps a floor (so a broken BMC
 * is not hammered) while spreading many BMCs that failed together (a switch reboot) apart.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Remembers, per key, when something was last logged and how many occurrences were held back since. */
export class LogThrottle {
  readonly #intervalMs: number;
  readonly #last = new Map<string, { at: number; suppressed: number }>();

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** `undefined` when this occurrence should stay quiet, else how many were held back before it. */
  admit(key: string, now: number): number | undefined {
    const entry = this.#last.get(key);
    if (entry !== undefined && now - entry.at < this.#intervalMs) {
      entry.suppressed += 1;
      return undefined;
    }
    this.#last.set(key, { at: now, suppressed: 0 });
    return entry?.suppressed ?? 0;
  }

  /** Forget a key (the BMC recovered), so its next failure is logged at once. */
  reset(key: string): void {
    this.#last.delete(key);
  }
}
