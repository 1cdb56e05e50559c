import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryPolicy, sleep } from './retry.js';

const policies = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  initialDelayMs: fc.integer({ min: 1, max: 1_000 }),
  maxDelayMs: fc.integer({ min: 1, max: 60_000 }),
  multiplier: fc.double({ min: 1, max: 4, noNaN: true }),
  jitter: fc.double({ min: 0, max: 1, noNaN: true }),
  pauseMs: fc.integer({ min: 0, max: 10_000 }),
  maxPauses: fc.integer({ min: 0, max: 20 }),
});

describe('backoffDelay', () => {
  it('stays within the jitter band around the capped exponential delay', () => {
    fc.assert(
      fc.property(
        policies,
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (policy, attempt, r) => {
          const base = Math.min(
            policy.maxDelayMs,
            policy.initialDelayMs * policy.multiplier ** (attempt - 1),
          );
          const delay = backoffDelay(attempt, policy, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - policy.jitter)));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * (1 + policy.jitter)));
        },
      ),
    );
  });

  it('never shrinks from one attempt to the next when the jitter draw is the same', () => {
    fc.assert(
      fc.property(
        policies,
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (policy, attempt, r) => {
          expect(backoffDelay(attempt + 1, policy, () => r)).toBeGreaterThanOrEqual(
            backoffDelay(attempt, policy, () => r),
          );
        },
      ),
    );
  });

  it('starts from the default policy and applies overrides', () => {
    expect(retryPolicy({ maxAttempts: 2 })).toMatchObject({ maxAttempts: 2, initialDelayMs: 100 });
  });
});

describe('sleep', () => {
  it('ends early and reports false when its signal is aborted', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const waiting = sleep(10_000, abort.signal);
    abort.abort();
    expect(await waiting).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
