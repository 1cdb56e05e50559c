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
});
