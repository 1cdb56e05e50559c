import { describe, expect, it } from 'vitest';
import { IngestNewsError } from '../errors.js';
import { afterFailure, afterSuccess, DEFAULT_BACKOFF, newFeedState } from './feed-schedule.js';

const MINUTE = 60_000;
const timeout = new IngestNewsError('FEED_TIMEOUT', 'slow');
const dtd = new IngestNewsError('XML_DTD_REFUSED', 'dtd');

describe('feed schedule', () => {
  it('backs a failing feed off exponentially up to the ceiling, never sooner than its interval', () => {
    let state = newFeedState('https://f.example/rss', MINUTE, 0);
    const waits: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      state = afterFailure(state, timeout, 0, () => 1);
      waits.push(state.nextAt);
    }
    expect(waits).toEqual([
      MINUTE,
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      16 * MINUTE,
      30 * MINUTE,
      30 * MINUTE,
    ]);
    expect(state.failures).toBe(8);
  });

  it('waits the long permanent delay after an error retrying cannot fix', () => {
    const state = afterFailure(newFeedState('https://f.example/rss', MINUTE, 0), dtd, 1000, () => 1);
    expect(state.nextAt).toBe(1000 + DEFAULT_BACKOFF.permanentMs);
  });

  it('clears failures and keeps the validators after a success', () => {
    const failed = afterFailure(newFeedState('https://f.example/rss', MINUTE, 0), timeout, 0, () => 0.5);
    const ok = afterSuccess(failed, { etag: '"v2"' }, 5000);
    expect(ok).toMatchObject({ failures: 0, validators: { etag: '"v2"' }, nextAt: 5000 + MINUTE });
  });

  it('waits at least as long as a Retry-After the server sent, even past the backoff ceiling', () => {
    const busy = new IngestNewsError('FEED_SERVER_ERROR', 'HTTP 429', {
      status: 429,
      retryAfterMs: 45 * MINUTE,
    });
    const state = afterFailure(newFeedState('https://f.example/rss', MINUTE, 0), busy, 1000, () => 0.5);
    expect(state.nextAt).toBe(1000 + 45 * MINUTE);
  });

  it('keeps its own longer backoff when the Retry-After is shorter', () => {
    const busy = new IngestNewsError('FEED_SERVER_ERROR', 'HTTP 503', { status: 503, retryAfterMs: 1000 });
    const state = afterFailure(newFeedState('https://f.example/rss', MINUTE, 0), busy, 0, () => 1);
    expect(state.nextAt).toBe(MINUTE);
  });

  it('caps a Retry-After at the policy maximum, by default the permanent-failure wait', () => {
    const week = new IngestNewsError('FEED_SERVER_ERROR', 'HTTP 503', { retryAfterMs: 7 * 24 * 60 * MINUTE });
    const fresh = newFeedState('https://f.example/rss', MINUTE, 0);
    expect(afterFailure(fresh, week, 0, () => 1).nextAt).toBe(DEFAULT_BACKOFF.permanentMs);
    const policy = { ...DEFAULT_BACKOFF, maxRetryAfterMs: 2 * 60 * MINUTE };
    expect(afterFailure(fresh, week, 0, () => 1, policy).nextAt).toBe(2 * 60 * MINUTE);
  });
});
