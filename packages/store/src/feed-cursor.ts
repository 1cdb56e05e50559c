import { StoreError } from './errors.js';
import type { FeedQuery } from './port.js';

/** Orders two Redis stream ids (`<ms>-<seq>`); the memory adapter issues ids of the same form. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

/** True when `cursor` has the `<ms>-<seq>` form, so it can go into XRANGE unchanged. */
export function isStreamId(cursor: string): boolean {
  return /^\d{1,20}-\d{1,20}$/.test(cursor);
}

/** Both adapters refuse the same malformed queries. */
export function checkFeedQuery(query: FeedQuery): void {
  const cursor = query.since ?? query.before;
  if (cursor !== undefined && !isStreamId(cursor))
    throw new StoreError('INVALID_ARGUMENT', 'malformed feed cursor');
  if (query.since !== undefined && query.before !== undefined) {
    throw new StoreError('INVALID_ARGUMENT', 'give either since or before, not both');
  }
  if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
    throw new StoreError('INVALID_ARGUMENT', 'limit must be 1..1000');
  }
}
