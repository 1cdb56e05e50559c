// A running news ingest on a given bus (memory by default) plus watchers of everything it publishes.
import { createMemoryBus, type ConsumerHandle, type DeliveredRecord, type EventBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import {
  encodeBinary,
  type AdvisoryPublished,
  type NewsClassified,
  type NewsPublished,
} from '@trustwatch/schemas';
import { loadLexicon, loadOutletDirectory } from '../data-files.js';
import { startNewsIngest, type NewsIngest, type NewsIngestOptions } from '../embedded.js';
import { publishedEvent } from '../service/events.js';
import { testCatalog } from './deps.js';

/** A logger that writes nothing, for tests. */
export const silentLog = createLogger({ service: 'ingest-news-test', level: 'silent' });

/** Polls `check` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** One event seen on an output topic, with its id and partition key. */
export interface Seen<T> {
  readonly id: string;
  readonly key: string | undefined;
  readonly data: T;
}

export interface NewsHarness {
  readonly bus: EventBus;
  readonly ingest: NewsIngest;
  readonly classified: Seen<NewsClassified>[];
  readonly advisories: Seen<AdvisoryPublished>[];
  readonly deadLetters: DeliveredRecord[];
  stop(): Promise<void>;
}

export type HarnessOptions = Partial<Omit<NewsIngestOptions, 'catalog' | 'lexicon' | 'outlets' | 'log'>> & {
  readonly groupPrefix?: string;
};

/** Starts the ingest with the test catalog and shipped data files, watching its output topics. */
export async function startNewsHarness(options: HarnessOptions = {}): Promise<NewsHarness> {
  const { groupPrefix = 'test', ...rest } = options;
  const bus = options.bus ?? createMemoryBus({ logger: silentLog });
  await bus.ensureTopics(['news.published', 'news.classified', 'advisory.published']);
  const ingest = await startNewsIngest({
    retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
    ...rest,
    bus,
    log: silentLog,
    catalog: testCatalog(),
    lexicon: loadLexicon(),
    outlets: loadOutletDirectory(),
    groupId: `${groupPrefix}-ingest`,
  });
  const classified: Seen<NewsClassified>[] = [];
  const advisories: Seen<AdvisoryPublished>[] = [];
  const deadLetters: DeliveredRecord[] = [];
  const watchers: ConsumerHandle[] = [
    await bus.consume({
      groupId: `${groupPrefix}-out`,
      topics: ['news.classified', 'advisory.published'],
      handle: (event) => {
        const seen = { id: event.id, key: event.partitionkey };
        if (event.type === 'com.trustwatch.news.classified.v1')
          classified.push({ ...seen, data: event.data });
        if (event.type === 'com.trustwatch.advisory.published.v1')
          advisories.push({ ...seen, data: event.data });
        return Promise.resolve({ status: 'done' });
      },
    }),
    await bus.consumeRecords({
      groupId: `${groupPrefix}-dlq`,
      topics: ['news.published.dlq'],
      handle: (record) => {
        deadLetters.push(record);
        return Promise.resolve();
      },
    }),
  ];
  return {
    bus,
    ingest,
    classified,
    advisories,
    deadLetters,
    async stop() {
      await ingest.stop();
      for (const watcher of watchers) await watcher.stop();
      // A bus the caller passed in is the caller's to close.
      if (options.bus === undefined) await bus.close();
    },
  };
}

/** An article as a raw `news.published` record, for publishing directly or corrupting. */
export function articleRecord(article: NewsPublished): {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
} {
  const message = encodeBinary(publishedEvent(article));
  return { key: message.key ?? null, value: message.value, headers: { ...message.headers } };
}
