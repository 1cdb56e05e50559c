// Production composition root: config -> logger -> snapshot state + Redis store + Kafka bus -> ingest
// -> watching the configured inputs until SIGTERM, or one run over the paths given as arguments.
import { createKafkaBus, installShutdown } from '@trustwatch/bus';
import { loadEntityCatalog } from '@trustwatch/entities';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { createLogger } from '@trustwatch/logging';
import { openRedisTrustStore } from '@trustwatch/store';
import { loadSupplierConfig } from './config.js';
import { startSupplierIngest } from './embedded.js';
import { openFileSupplierSnapshots } from './service/file-snapshot-state.js';
import { openRedisSupplierSnapshots } from './service/redis-snapshot-state.js';

const config = loadSupplierConfig();
const log = createLogger({ service: 'ingest-supplier', level: config.log.level });
const { kafka, redis, supplier: settings } = config;
const paths = process.argv.slice(2);
if (paths.length === 0 && settings.inputs.length === 0) {
  log.fatal('nothing to ingest: set SUPPLIER_INPUTS or pass files and directories as arguments');
  process.exit(1);
}

const catalog = loadEntityCatalog(settings.catalogFile);
// Redis state (the default) is shared by every instance; file state needs one instance per directory.
const state =
  config.state.store === 'redis'
    ? await openRedisSupplierSnapshots({
        ...redisConnection(redis),
        leaseMs: config.state.leaseMs,
        log: log.child({ module: 'snapshot-state' }),
      })
    : { ...(await openFileSupplierSnapshots(settings.stateDir)), close: () => Promise.resolve() };
const store = await openRedisTrustStore({
  ...redisConnection(redis),
  log: log.child({ module: 'store' }),
});
const bus = createKafkaBus({
  ...kafkaConnection(kafka),
  namespace: settings.namespace,
  logger: log,
});
await bus.ensureTopics(['supplier.changed']);
const ingest = startSupplierIngest({
  bus,
  store,
  log,
  snapshots: state,
  catalog,
  inputs: settings.inputs,
  settleMs: settings.settleMs,
  ...(settings.bomVendor === undefined ? {} : { bomVendor: settings.bomVendor }),
});

if (paths.length > 0) {
  // One run: exit 1 when any file was refused or left for later, so a script or CI job notices.
  const outcomes = await ingest.ingestPaths(paths);
  await bus.close();
  await store.close();
  await state.close();
  log.info({ ...ingest.metrics() }, 'supplier files ingested');
  process.exitCode = outcomes.some((o) => o.status === 'refused' || o.status === 'deferred') ? 1 : 0;
} else {
  ingest.startWatching(settings.scanIntervalMs);
  // Watching stops first (the run in progress finishes), then the bus, then the store and state.
  installShutdown({ closeables: [ingest, bus, store, state], deadlineMs: settings.shutdownDeadlineMs, log });
  log.info({ inputs: settings.inputs, state: config.state.store }, 'supplier ingest running');
}
