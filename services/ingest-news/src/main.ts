// Production composition root: config -> logger -> operator data -> Redis news state + Kafka bus ->
// ingest (consumer, file import, feed poller) -> graceful shutdown.
import { createKafkaBus, installShutdown } from '@trustwatch/bus';
import { loadEntityCatalog } from '@trustwatch/entities';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { createLogger } from '@trustwatch/logging';
import {
  checkDurability,
  connectRedis,
  createRedisNewsState,
  isRedisReady,
  loadNewsScripts,
  registerNewsScripts,
} from '@trustwatch/store';
import { loadNewsConfig } from './config.js';
import { loadLexicon, loadOutletDirectory } from './data-files.js';
import { startNewsIngest } from './embedded.js';
import { newsModel } from './service/news-state.js';

const config = loadNewsConfig();
const log = createLogger({ service: 'ingest-news', level: config.log.level });
const { kafka, redis: redisConfig, news: settings } = config;

const catalog = loadEntityCatalog(settings.catalogFile);
const lexicon = loadLexicon(settings.lexiconFile);
const outlets = loadOutletDirectory(settings.outletsFile);
// Story desk and claim ledger live in Redis: every instance sees one desk, and restarts forget nothing.
const redis = await connectRedis({
  ...redisConnection(redisConfig),
  log: log.child({ module: 'news-state' }),
});
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
  // The consumer used up its restart budget: exit, so the orchestrator restarts the process.
  onFatal: () => void shutdown(),
});
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
// Polling stops first (fetches in flight are cancelled), then the consumer drains, then the bus, then Redis.
const shutdown = installShutdown({
  closeables: [ingest, bus, { close: async () => void (await redis.quit()) }],
  deadlineMs: settings.shutdownDeadlineMs,
  log,
});
if (settings.importPaths.length > 0) {
  const files = await ingest.importFiles(settings.importPaths);
  log.info({ files, paths: settings.importPaths }, 'documents imported');
}
ingest.startPolling();
log.info({ feeds: settings.feeds.length, groupId: settings.groupId }, 'news ingest running');
