import { IngestNewsError } from '../errors.js';
import {
  afterFailure,
  afterSuccess,
  newFeedState,
  type BackoffPolicy,
  type FeedState,
} from '../parse/feed-schedule.js';
import { fetchFeed, type FetchFeedOptions, type FetchOutcome } from '../parse/fetch-feed.js';
import { LogThrottle } from './log-throttle.js';
import type { SourceDocument } from './read-source.js';
import { isTaxiiAnswer, readTaxiiCollection, taxiiRequestUrl } from './taxii-collection.js';

/** One feed the operator listed. */
export interface FeedSpec {
  readonly url: string;
  readonly intervalMs: number;
  /** The outlet's name, used for its articles whatever the feed calls itself. */
  readonly outlet: string;
}

/** The part of a pino logger the poller uses. */
export interface PollerLog {
  warn(fields: object, message: string): void;
}

export interface FeedPollerOptions {
  readonly feeds: readonly FeedSpec[];
  /** Receives each changed document; a throw counts as the feed's failure (backoff, no new validators). */
  readonly onDocument: (doc: SourceDocument, feed: FeedSpec) => Promise<void>;
  readonly log: PollerLog;
  /** Most feeds fetched at once. */
  readonly concurrency: number;
  readonly fetch?: (url: string, options: FetchFeedOptions) => Promise<FetchOutcome>;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly backoff?: BackoffPolicy;
  /** Shortest gap between two error lines about one feed. Default 15 minutes. */
  readonly errorLogIntervalMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** What one pass over the due feeds did. */
export interface PollRound {
  readonly fetched: readonly string[];
  readonly notModified: readonly string[];
  readonly failed: readonly { readonly url: string; readonly error: unknown }[];
}

/** Longest sleep between two looks at the schedule, so a stop or a clock jump is noticed soon. */
const MAX_IDLE_MS = 5_000;

/**
 * Polls many feeds, each on its own interval with conditional GET and its own backoff, at most
 * `concurrency` at a time. Each fetch has a whole-request timeout, so a hanging feed holds one slot
 * until then and never the others; errors are logged per feed at a paced rate.
 */
export class FeedPoller {
  readonly #options: FeedPollerOptions;
  readonly #states = new Map<string, FeedState>();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #throttle: LogThrottle;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #fetch: (url: string, options: FetchFeedOptions) => Promise<FetchOutcome>;

  constructor(options: FeedPollerOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError('concurrency must be a positive integer');
    }
    this.#options = options;
    this.#throttle = new LogThrottle(options.errorLogIntervalMs ?? 15 * 60_000);
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#fetch = options.fetch ?? fetchFeed;
    const start = this.#now();
    for (const feed of options.feeds)
      this.#states.set(feed.url, newFeedState(feed.url, feed.intervalMs, start));
  }

  /** One feed's schedule: validators, failures in a row, next fetch time. */
  stateOf(url: string): FeedState | undefined {
    return this.#states.get(url);
  }

  /** Fetches every due feed, at most `concurrency` at a time, and waits for all; never rejects. */
  async pollOnce(signal?: AbortSignal): Promise<PollRound> {
    const now = this.#now();
    const due = this.#options.feeds.filter((feed) => (this.#states.get(feed.url)?.nextAt ?? now) <= now);
    const round = {
      fetched: [] as string[],
      notModified: [] as string[],
      failed: [] as PollRound['failed'][number][],
    };
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let feed = due[next++]; feed !== undefined; feed = due[next++]) {
        const result = await this.#poll(feed, signal);
        if (result.status === 'failed') round.failed.push({ url: feed.url, error: result.error });
        else (result.status === 'fetched' ? round.fetched : round.notModified).push(feed.url);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, due.length) }, worker));
    return round;
  }

  /** Polls until `signal` aborts, starting each feed when it is due and a slot is free; then drains. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const now = this.#now();
      for (const feed of this.#options.feeds) {
        if (this.#inFlight.size >= this.#options.concurrency) break;
        const state = this.#states.get(feed.url);
        if (this.#inFlight.has(feed.url) || (state !== undefined && state.nextAt > now)) continue;
        const task = this.#poll(feed, signal).then(() => void this.#inFlight.delete(feed.url));
        this.#inFlight.set(feed.url, task);
      }
      const idle = this.#options.feeds.filter((feed) => !this.#inFlight.has(feed.url));
      const soonest = Math.min(...idle.map((feed) => this.#states.get(feed.url)?.nextAt ?? now));
      const wait = Math.min(MAX_IDLE_MS, Math.max(0, soonest - now));
      await this.#wake(wait, signal);
    }
    await Promise.all(this.#inFlight.values());
  }

  /**
   * Waits for the next due feed, a finished fetch (a slot freed) or stop, whichever is first, and
   * leaves no timer or listener behind (a pending sleep per loop would pile listeners on the signal).
   */
  #wake(waitMs: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      signal.addEventListener('abort', done, { once: true });
      for (const task of this.#inFlight.values()) void task.then(done);
    });
  }

  async #poll(
    feed: FeedSpec,
    signal: AbortSignal | undefined,
  ): Promise<{ status: 'fetched' | 'not-modified' } | { status: 'failed'; error: unknown }> {
    const state = this.#states.get(feed.url) ?? newFeedState(feed.url, feed.intervalMs, this.#now());
    // One short-lived signal per fetch, tied to the long-lived stop signal by a listener removed after
    // the fetch: combining the stop signal itself into every fetch would pile listeners onto it.
    const cancel = new AbortController();
    const onStop = (): void => cancel.abort();
    signal?.addEventListener('abort', onStop, { once: true });
    const options: FetchFeedOptions = {
      ...(this.#options.timeoutMs === undefined ? {} : { timeoutMs: this.#options.timeoutMs }),
      ...(this.#options.maxBytes === undefined ? {} : { maxBytes: this.#options.maxBytes }),
      signal: cancel.signal,
    };
    const { addedAfter } = state;
    try {
      // A TAXII collection read before asks only for newer objects; validators belong to the bare URL.
      const outcome =
        addedAfter === undefined
          ? await this.#fetch(feed.url, { ...options, validators: state.validators })
          : await this.#fetch(taxiiRequestUrl(feed.url, { addedAfter }), options);
      let newest = addedAfter;
      if (outcome.status === 'fetched' && isTaxiiAnswer(outcome.contentType)) {
        newest = await readTaxiiCollection({
          collection: feed.url,
          first: outcome,
          addedAfter,
          outlet: feed.outlet,
          fetchPage: (url) => this.#fetch(url, options),
          onPage: (doc) => this.#options.onDocument(doc, feed),
        });
      } else if (outcome.status === 'fetched') {
        const { bytes, contentType, url } = outcome;
        await this.#options.onDocument({ bytes, contentType, url, outlet: feed.outlet }, feed);
      }
      const next = afterSuccess(state, outcome.validators, this.#now());
      this.#states.set(feed.url, newest === undefined ? next : { ...next, addedAfter: newest });
      this.#throttle.reset(feed.url);
      return { status: outcome.status };
    } catch (error) {
      const failed = afterFailure(state, error, this.#now(), this.#random, this.#options.backoff);
      this.#states.set(feed.url, failed);
      // Cancelled because the service is stopping: not the feed's fault, nothing to report.
      if (signal?.aborted === true) return { status: 'failed', error };
      const suppressed = this.#throttle.admit(feed.url, this.#now());
      if (suppressed !== undefined) {
        const code = error instanceof IngestNewsError ? error.code : 'UNEXPECTED';
        this.#options.log.warn(
          {
            feed: feed.url,
            code,
            err: error,
            failures: failed.failures,
            retryAt: new Date(failed.nextAt),
            suppressed,
          },
          'feed poll failed',
        );
      }
      return { status: 'failed', error };
    } finally {
      signal?.removeEventListener('abort', onStop);
    }
  }
}
