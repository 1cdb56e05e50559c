import type { ConsumerHandle, EventBus, RetryPolicy } from '@trustwatch/bus';
import type { EntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import type { OutletDirectory } from './credibility/outlets.js';
import type { BackoffPolicy } from './parse/feed-schedule.js';
import type { FetchFeedOptions, FetchOutcome } from './parse/fetch-feed.js';
import type { Lexicon } from './understand/lexicon.js';
import { FeedPoller, type FeedSpec } from './service/feed-poller.js';
import { readDocuments } from './service/import-files.js';
import { NewsFlow, type FlowCounts } from './service/news-flow.js';
import { createNewsPublishedHandler } from './service/news-handler.js';
import { createMemoryNewsState, type NewsState } from './service/news-state.js';
import { readSource } from './service/read-source.js';

/** Everything the service runs on; the demo and tests pass the memory bus, main.ts Kafka. */
export interface NewsIngestOptions {
  readonly bus: EventBus;
  readonly log: Logger;
  readonly catalog: EntityCatalog;
  readonly lexicon: Lexicon;
  readonly outlets: OutletDirectory;
  /** Story desk and claim ledger. Default: in memory (one instance, lost on restart). */
  readonly state?: NewsState;
  readonly feeds?: readonly FeedSpec[];
  /** Consumer group of the `news.published` consumer. Default `ingest-news`. */
  readonly groupId?: string;
  /** Most feeds fetched at once. Default 8. */
  readonly concurrency?: number;
  readonly fetchTimeoutMs?: number;
  readonly maxFeedBytes?: number;
  readonly backoff?: BackoffPolicy;
  readonly fetch?: (url: string, options: FetchFeedOptions) => Promise<FetchOutcome>;
  readonly now?: () => number;
  readonly retry?: Partial<RetryPolicy>;
  /** Backpressure: while it says false the consumer keeps its partitions paused. */
  readonly isHealthy?: () => Promise<boolean>;
}

/** Counters of one running service. */
export interface NewsIngestMetrics extends FlowCounts {
  readonly feedFailures: number;
  readonly importFailures: number;
}

/** A running news ingest. */
export interface NewsIngest {
  readonly flow: NewsFlow;
  readonly poller: FeedPoller;
  /** Polls the feeds until `stop()`; returns at once, the loop runs in the background. */
  startPolling(): void;
  /** Reads CVE records, STIX bundles and feed files (or folders of them) once; returns files read. */
  importFiles(paths: readonly string[]): Promise<number>;
  metrics(): NewsIngestMetrics;
  /** Stops polling (cancelling fetches in flight), then drains the consumer. Closes not the bus. */
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * Starts the news ingest on a given bus: a consumer of `news.published` and a feed poller both feed one
 * {@link NewsFlow}, which publishes `news.classified` and `advisory.published`. Records on
 * `news.published` that do not decode or validate are dead-lettered by the bus runner. Topics must exist.
 */
export async function startNewsIngest(options: NewsIngestOptions): Promise<NewsIngest> {
  const log = options.log.child({ module: 'ingest-news' });
  const now = options.now ?? Date.now;
  const flow = new NewsFlow({
    bus: options.bus,
    state: options.state ?? createMemoryNewsState(options.outlets),
    catalog: options.catalog,
    lexicon: options.lexicon,
    outlets: options.outlets,
    now: () => new Date(now()).toISOString(),
    log: log.child({ module: 'flow' }),
  });
  const failures = { feedFailures: 0, importFailures: 0 };
  const read = { catalog: options.catalog, lexicon: options.lexicon };
  const consumer: ConsumerHandle = await options.bus.consume({
    groupId: options.groupId ?? 'ingest-news',
    topics: ['news.published'],
    handle: createNewsPublishedHandler(flow),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
  });
  const poller = new FeedPoller({
    feeds: options.feeds ?? [],
    concurrency: options.concurrency ?? 8,
    onDocument: async (doc) => {
      try {
        const reading = readSource(doc, read);
        if (reading.rejected.length > 0) {
          // Logged only when the feed changed (a 304 carries no items), so this does not repeat per poll.
          log.warn({ feed: doc.url, rejected: reading.rejected.slice(0, 20) }, 'feed items rejected');
        }
        await flow.ingestReading(reading, doc.url);
      } catch (error) {
        failures.feedFailures += 1;
        throw error;
      }
    },
    log: log.child({ module: 'feed-poller' }),
    now,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.fetchTimeoutMs === undefined ? {} : { timeoutMs: options.fetchTimeoutMs }),
    ...(options.maxFeedBytes === undefined ? {} : { maxBytes: options.maxFeedBytes }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
  });
  const abort = new AbortController();
  let polling: Promise<void> = Promise.resolve();
  return {
    flow,
    poller,
    startPolling() {
      polling = poller.run(abort.signal);
    },
    async importFiles(paths) {
      let done = 0;
      for (const file of await readDocuments(paths)) {
        try {
          if ('error' in file) throw file.error;
          await flow.ingestReading(readSource(file.doc, read), file.doc.url);
          done += 1;
        } catch (error) {
          failures.importFailures += 1;
          log.warn({ file: file.path, err: error }, 'file not imported');
        }
      }
      return done;
    },
    metrics: () => ({ ...flow.counts, ...failures }),
    async stop(deadlineMs) {
      abort.abort();
      await polling;
      await consumer.stop(deadlineMs);
    },
  };
}
