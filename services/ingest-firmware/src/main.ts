// Production composition root: config -> logger -> Redis store + Kafka bus -> catalog import -> ingest
// (poller + snapshot consumer) -> push endpoint -> graceful shutdown.
import { createKafkaBus, installShutdown, type Closeable } from '@trustwatch/bus';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { createLogger } from '@trustwatch/logging';
import { openRedisTrustStore } from '@trustwatch/store';
import { loadIngestConfig } from './config.js';
import { startFirmwareIngest } from './embedded.js';
import { startPushServer } from './push/push-server.js';
import { createStoreAssetSnapshots } from './service/snapshot-store.js';
import { importCatalogFile } from './service/store-catalog.js';

const config = loadIngestConfig();
const log = createLogger({ service: 'ingest-firmware', level: config.log.level });
const { kafka, redis, ingest: settings } = config;

const store = await openRedisTrustStore({
  ...redisConnection(redis),
  log: log.child({ module: 'store' }),
});
const bus = createKafkaBus({
  ...kafkaConnection(kafka),
  namespace: settings.namespace,
  logger: log,
  // The consumer used up its restart budget: exit, so the orchestrator restarts the process.
  onFatal: () => void shutdown(),
});
await bus.ensureTopics(['firmware.observed', 'firmware.changed']);
if (settings.catalogFile !== undefined) {
  const entries = await importCatalogFile(store, settings.catalogFile);
  log.info({ entries }, 'known-good catalog imported');
}
const ingest = await startFirmwareIngest({
  bus,
  store,
  // Baselines in Redis: a restarted ingest still reports what changed while it was down.
  snapshots: createStoreAssetSnapshots(store),
  log,
  endpoints: settings.endpoints,
  groupId: settings.groupId,
  concurrency: settings.concurrency,
  triggerIntervalMs: settings.triggerIntervalMs,
  isHealthy: () => Promise.resolve(store.isReady()),
});
const push =
  settings.push === undefined
    ? undefined
    : await startPushServer({
        ...settings.push,
        eventContexts: settings.eventContexts,
        onTrigger: (bmcId) => ingest.trigger.trigger(bmcId),
        log: log.child({ module: 'push' }),
      });
ingest.startPolling(settings.pollIntervalMs);
// The push endpoint stops taking events first, then polling and the consumer drain, then bus and store.
const closeables: Closeable[] = [...(push === undefined ? [] : [push]), ingest, bus, store];
const shutdown = installShutdown({ closeables, deadlineMs: settings.shutdownDeadlineMs, log });
log.info({ bmcs: settings.endpoints.length, push: push?.url }, 'firmware ingest running');
