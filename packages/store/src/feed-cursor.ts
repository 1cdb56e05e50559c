import { StoreError } from './errors.js';
import type { FeedQuery } from './port.js';

/** Orders two Redis stream ids (`<ms>-<seq>`); the memory adapter issues ids of the same form. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = streamIdParts(a);
  const [bm, bs] = streamIdParts(b);
  return am !== bm ? am - bm : as - bs;
}

// `split('-').map(Number)` without the arrays: runs for every feed entry a read or a write looks at.
function streamIdParts(id: string): [number, number] {
  const dash = id.indexOf('-');
  if (dash === -1) return [Number(id), 0];
  const next = id.indexOf('-', dash + 1);
  return [Number(id.slice(0, dash)), Number(id.slice(dash + 1, next === -1 ? undefined : next))];
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
