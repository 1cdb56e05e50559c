import { describe, expect, it } from 'vitest';
import { alertRate } from '../../bench/src/alert-phase.js';

describe('the alert phase rate', () => {
  it('follows the latency phase rate while it stays under half the receiver bucket', () => {
    expect(alertRate(150, 1_000)).toBe(150);
  });

  it('never offers more than half the receiver bucket, so the rate limit is not what is timed', () => {
    expect(alertRate(1_223, 1_000)).toBe(500);
    expect(alertRate(1_223)).toBeLessThanOrEqual(500);
  });
});
