// The firmware ingest against Kafka and Redis, as one start function: main.ts and `trustwatch run` share it.
import { createKafkaBus, type Closeable, type StartedService } from '@trustwatch/bus';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { loadEntityCatalog, vendorIdResolver } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import { openRedisTrustStore } from '@trustwatch/store';
import type { IngestConfig } from './config.js';
import { startFirmwareIngest } from './embedded.js';
import { startPushServer } from './push/push-server.js';
import { createStoreAssetSnapshots } from './service/snapshot-store.js';
import { importCatalogFile, vendorKeyOf } from './service/store-catalog.js';

/** What the firmware ingest needs to start: its validated config, the process logger, a fatal callback. */
export interface FirmwareServiceOptions {
  readonly config: IngestConfig;
  readonly log: Logger;
  /** Called when the consumer used up its restart budget: the caller shuts the process down. */
  readonly onFatal: (error: Error) => void;
}

/** A started service, and where it listens. */
export interface StartedFirmwareService extends StartedService {
  /** Where the Redfish push endpoint listens, when one is configured. */
  readonly pushUrl?: string;
}

/**
 * Opens the Redis store and the Kafka bus, imports the known-good catalog, starts the ingest (poller and
 * snapshot consumer) and the push endpoint, and starts polling. A failed start closes what it opened.
 */
export async function startFirmwareService(options: FirmwareServiceOptions): Promise<StartedFirmwareService> {
  const { config, log, onFatal } = options;
  const { kafka, redis, ingest: settings } = config;
  const vendorIdOf = vendorIdResolver(loadEntityCatalog(settings.entityCatalogFile));
  const store = await openRedisTrustStore({
    ...redisConnection(redis),
    log: log.child({ module: 'store' }),
  });
  const bus = createKafkaBus({
    ...kafkaConnection(kafka),
    namespace: settings.namespace,
    logger: log,
    onFatal,
  });
  const opened: Closeable[] = [bus, store];
  try {
    await bus.ensureTopics(['firmware.observed', 'firmware.changed']);
    if (settings.catalogFile !== undefined) {
      const entries = await importCatalogFile(store, settings.catalogFile, vendorKeyOf(vendorIdOf));
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
      vendorIdOf,
    });
    opened.unshift(ingest);
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
    log.info({ bmcs: settings.endpoints.length, push: push?.url }, 'firmware ingest running');
    // The push endpoint stops taking events first, then polling and the consumer drain, then bus and store.
    return {
      closeables: [...(push === undefined ? [] : [push]), ingest, bus, store],
      shutdownDeadlineMs: settings.shutdownDeadlineMs,
      ...(push === undefined ? {} : { pushUrl: push.url }),
    };
  } catch (error) {
    // The start error is the one worth reporting; closing errors after it would only hide it.
    for (const part of opened) await (part.stop?.() ?? part.close?.())?.catch(() => undefined);
    throw error;
  }
}
