// The supplier ingest against Kafka and Redis, as start functions: main.ts and `trustwatch run` share them.
import { createKafkaBus, type Closeable, type StartedService } from '@trustwatch/bus';
import { ConfigError, kafkaConnection, redisConnection } from '@trustwatch/config';
import { loadEntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import { openRedisTrustStore } from '@trustwatch/store';
import type { SupplierConfig } from './config.js';
import { startSupplierIngest, type SupplierIngest } from './embedded.js';
import { openFileSupplierSnapshots } from './service/file-snapshot-state.js';
import { openRedisSupplierSnapshots } from './service/redis-snapshot-state.js';

/** What the supplier ingest needs: its validated config and the process logger (it runs no consumer). */
export interface SupplierServiceOptions {
  readonly config: SupplierConfig;
  readonly log: Logger;
  /** Accepted for symmetry with the consumer services: the ingest only publishes, so it never fires. */
  readonly onFatal?: (error: Error) => void;
}

/** An opened ingest, not yet watching: what a one-off run over given paths uses. */
export interface OpenedSupplierIngest {
  readonly ingest: SupplierIngest;
  /** The bus, the store and the snapshot state, in closing order. */
  readonly closeables: readonly Closeable[];
}

/** A started service: what to close on the way out, in order, and the budget for it. */
export type StartedSupplierService = StartedService;

/**
 * Opens the snapshot state (Redis or files), the Redis trust store and the Kafka bus, and builds the
 * ingest. A failed open closes what it opened before rethrowing.
 */
export async function openSupplierIngest(options: SupplierServiceOptions): Promise<OpenedSupplierIngest> {
  const { config, log } = options;
  const { kafka, redis, supplier: settings } = config;
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
  const opened: Closeable[] = [state];
  try {
    const store = await openRedisTrustStore({
      ...redisConnection(redis),
      log: log.child({ module: 'store' }),
    });
    opened.unshift(store);
    const bus = createKafkaBus({ ...kafkaConnection(kafka), namespace: settings.namespace, logger: log });
    opened.unshift(bus);
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
    return { ingest, closeables: [bus, store, state] };
  } catch (error) {
    // The open error is the one worth reporting; closing errors after it would only hide it.
    for (const part of opened) await part.close?.().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens the ingest and watches the configured inputs (SUPPLIER_INPUTS) until stopped. Refuses to start
 * with nothing to watch, before connecting to anything.
 */
export async function startSupplierService(options: SupplierServiceOptions): Promise<StartedSupplierService> {
  const { config, log } = options;
  const settings = config.supplier;
  if (settings.inputs.length === 0) {
    throw new ConfigError([
      { variable: 'SUPPLIER_INPUTS', problem: 'nothing to watch: name the files and directories to ingest' },
    ]);
  }
  const { ingest, closeables } = await openSupplierIngest(options);
  ingest.startWatching(settings.scanIntervalMs);
  log.info({ inputs: settings.inputs, state: config.state.store }, 'supplier ingest running');
  // Watching stops first (the run in progress finishes), then the bus, then the store and state.
  return { closeables: [ingest, ...closeables], shutdownDeadlineMs: settings.shutdownDeadlineMs };
}
