import { isRetriable } from '@trustwatch/schemas';
import { IngestNewsError } from '../errors.js';
import type { FeedValidators } from './fetch-feed.js';

export interface BackoffPolicy {
  /** Delay after the first failure. */
  readonly baseMs: number;
  /** Ceiling for retriable failures; a feed down for a day is still tried a few times an hour. */
  readonly maxMs: number;
  /** Wait after a failure retrying cannot fix (a 404, a DTD, a bad charset) until the operator acts. */
  readonly permanentMs: number;
  /**
   * Longest `Retry-After` honoured; a server asking for more is tried again after this. Default
   * `permanentMs`: no server's request keeps a feed quieter than a fault only the operator can fix.
   */
  readonly maxRetryAfterMs?: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 30_000,
  maxMs: 30 * 60_000,
  permanentMs: 6 * 60 * 60_000,
};

/** One feed's polling state: its interval, validators for conditional GET, failures in a row. */
export interface FeedState {
  readonly url: string;
  readonly intervalMs: number;
  readonly validators: FeedValidators;
  readonly failures: number;
  /** Epoch milliseconds of the next fetch. */
  readonly nextAt: number;
  /**
   * For a TAXII 2.1 collection: the newest `date_added` read so far, sent as `added_after` so the next
   * poll asks only for newer objects.
   */
  readonly addedAfter?: string;
}

/** A feed never fetched: due now. */
export function newFeedState(url: string, intervalMs: number, now: number): FeedState {
  return { url, intervalMs, validators: {}, failures: 0, nextAt: now };
}

/** After a fetch (changed or 304): keep the validators, clear failures, wait one interval. */
export function afterSuccess(state: FeedState, validators: FeedValidators, now: number): FeedState {
  return { ...state, validators, failures: 0, nextAt: now + state.intervalMs };
}

/**
 * After a failure: exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff
 * and Jitter") for retriable errors, so many feeds failing together do not retry in step; a long fixed
 * wait for errors retrying cannot fix. Never sooner than the feed's own interval, nor than the
 * server's `Retry-After` (capped by `maxRetryAfterMs`). `random` is injected so tests are deterministic.
 */
export function afterFailure(
  state: FeedState,
  error: unknown,
  now: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): FeedState {
  const failures = state.failures + 1;
  const delay = isRetriable(error)
    ? Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - 1)) * random()
    : policy.permanentMs;
  const asked = error instanceof IngestNewsError ? error.retryAfterMs : undefined;
  const honoured = Math.min(asked ?? 0, policy.maxRetryAfterMs ?? policy.permanentMs);
  const wait = Math.max(state.intervalMs, Math.round(delay), honoured);
  return { ...state, failures, nextAt: now + wait };
}
