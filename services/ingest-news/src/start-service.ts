// The news ingest against Kafka and Redis, as one start function: main.ts and `trustwatch run` share it.
import { createKafkaBus, type Closeable, type StartedService } from '@trustwatch/bus';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { loadEntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import {
  checkDurability,
  connectRedis,
  createRedisNewsState,
  isRedisReady,
  loadNewsScripts,
  registerNewsScripts,
} from '@trustwatch/store';
import type { NewsConfig } from './config.js';
import { loadLexicon, loadOutletDirectory } from './data-files.js';
import { startNewsIngest } from './embedded.js';
import { newsModel } from './service/news-state.js';

/** What the news ingest needs to start: its validated config, the process logger, a fatal callback. */
export interface NewsServiceOptions {
  readonly config: NewsConfig;
  readonly log: Logger;
  /** Called when the consumer used up its restart budget: the caller shuts the process down. */
  readonly onFatal: (error: Error) => void;
}

/** A started service: what to close on the way out, in order, and the budget for it. */
export type StartedNewsService = StartedService;

/**
 * Opens operator data, Redis news state and the Kafka bus, starts the consumer, imports configured
 * files and starts feed polling. On a start failure everything opened so far is closed before the
 * error is rethrown, so a failed start leaves no connection behind.
 */
export async function startNewsService(options: NewsServiceOptions): Promise<StartedNewsService> {
  const { config, log, onFatal } = options;
  const { kafka, redis: redisConfig, news: settings } = config;
  const catalog = loadEntityCatalog(settings.catalogFile);
  const lexicon = loadLexicon(settings.lexiconFile);
  const outlets = loadOutletDirectory(settings.outletsFile);
  // Story desk and claim ledger live in Redis: every instance sees one desk, and restarts forget nothing.
  const redis = await connectRedis({
    ...redisConnection(redisConfig),
    log: log.child({ module: 'news-state' }),
  });
  const redisCloser: Closeable = { close: async () => void (await redis.quit()) };
  const opened: Closeable[] = [redisCloser];
  try {
    registerNewsScripts(redis, log);
    await loadNewsScripts(redis);
    await checkDurability(redis, log);
    const state = createRedisNewsState(redis, {
      prefix: redisConfig.keyPrefix,
      model: newsModel(outlets),
      retentionSeconds: settings.storyRetentionSeconds,
    });
    const bus = createKafkaBus({
      ...kafkaConnection(kafka),
      namespace: settings.namespace,
      logger: log,
      onFatal,
    });
    opened.unshift(bus);
    await bus.ensureTopics(['news.published', 'news.classified', 'advisory.published']);
    const ingest = await startNewsIngest({
      bus,
      log,
      catalog,
      lexicon,
      outlets,
      state,
      // Redis down: keep partitions paused rather than fail every record into retries.
      isHealthy: () => Promise.resolve(isRedisReady(redis)),
      feeds: settings.feeds,
      groupId: settings.groupId,
      concurrency: settings.concurrency,
      fetchTimeoutMs: settings.fetchTimeoutMs,
      maxFeedBytes: settings.maxFeedBytes,
    });
    opened.unshift(ingest);
    if (settings.importPaths.length > 0) {
      const files = await ingest.importFiles(settings.importPaths);
      log.info({ files, paths: settings.importPaths }, 'documents imported');
    }
    ingest.startPolling();
    log.info({ feeds: settings.feeds.length, groupId: settings.groupId }, 'news ingest running');
    // Polling stops first (fetches in flight are cancelled), then the consumer drains, then the bus, then Redis.
    return { closeables: [ingest, bus, redisCloser], shutdownDeadlineMs: settings.shutdownDeadlineMs };
  } catch (error) {
    await closeQuietly(opened);
    throw error;
  }
}

/** Closes what a failed start opened, newest first; the start error is the one worth reporting. */
async function closeQuietly(parts: readonly Closeable[]): Promise<void> {
  for (const part of parts) {
    const closing = part.stop?.() ?? part.close?.();
    await closing?.catch(() => undefined);
  }
}
