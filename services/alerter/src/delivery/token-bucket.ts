/**
 * A token bucket per receiver: `ratePerSec` tokens a second, at most `burst` saved. Slack allows about
 * one message a second per incoming webhook and answers 429 beyond; staying under it avoids both the 429
 * and the retry it would cause.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Takes one token if there is one; otherwise returns the ms until the next one. */
  take(now: number): { ok: true } | { ok: false; waitMs: number } {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSec) / 1000);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSec) };
  }
}
