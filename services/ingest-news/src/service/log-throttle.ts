/**
 * Paces repeated error lines per key: the first one passes, then at most one per interval, carrying how
 * many were held back. A feed that is down for a day logs a few lines an hour, not one per attempt.
 */
export class LogThrottle {
  readonly #intervalMs: number;
  readonly #entries = new Map<string, { lastAt: number; suppressed: number }>();

  constructor(intervalMs: number) {
    this.#intervalMs = intervalMs;
  }

  /** The number of lines held back since the last one, when this one may be written; else undefined. */
  admit(key: string, now: number): number | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.#entries.set(key, { lastAt: now, suppressed: 0 });
      return 0;
    }
    if (now - entry.lastAt < this.#intervalMs) {
      entry.suppressed += 1;
      return undefined;
    }
    const suppressed = entry.suppressed;
    this.#entries.set(key, { lastAt: now, suppressed: 0 });
    return suppressed;
  }

  /** Forgets a key once it is healthy again, so its next failure is logged at once. */
  reset(key: string): void {
    this.#entries.delete(key);
  }
}
