import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../http/retry-after.js';
import { DEFAULT_BACKOFF, retryDelay } from './backoff.js';
import { TokenBucket } from './token-bucket.js';

describe('retry delay', () => {
  it('stays between half and all of the exponential step, capped, and never below Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 10 ** 9 })),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (attempt, asked, r) => {
          const step = Math.min(DEFAULT_BACKOFF.maxDelayMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
          const delay = retryDelay(attempt, asked ?? undefined, DEFAULT_BACKOFF, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.min(step / 2, DEFAULT_BACKOFF.maxDelayMs));
          expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxDelayMs);
          if (asked !== null)
            expect(delay).toBeGreaterThanOrEqual(Math.min(asked, DEFAULT_BACKOFF.maxDelayMs));
        },
      ),
    );
  });

  it('grows with the attempt number for the same random draw', () => {
    const delays = [1, 2, 3, 4].map((a) => retryDelay(a, undefined, DEFAULT_BACKOFF, () => 0.5));
    expect(delays).toEqual([3750, 7500, 15000, 30000]);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it('reads delay-seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('token bucket', () => {
  it('never lets through more than burst plus rate times elapsed time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 200 }), (steps) => {
        const bucket = new TokenBucket(1, 1, 0);
        let t = 0;
        let passed = 0;
        for (const step of steps) {
          t += step;
          if (bucket.take(t).ok) passed += 1;
        }
        expect(passed).toBeLessThanOrEqual(1 + Math.floor(t / 1000));
      }),
    );
  });

  it('tells how long to wait for the next token', () => {
    const bucket = new TokenBucket(1, 1, 0);
    expect(bucket.take(0)).toEqual({ ok: true });
    expect(bucket.take(250)).toEqual({ ok: false, waitMs: 750 });
  });
});
