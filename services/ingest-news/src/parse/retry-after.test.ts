import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time left until it, and a past date as no wait', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:05:00 GMT', NOW)).toBe(300_000);
    expect(parseRetryAfter('Sunday, 01-Mar-26 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores an absent or unreadable header so the caller keeps its own backoff', () => {
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', '5 days', 'Sun, 99 Foo 2026'])
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});
