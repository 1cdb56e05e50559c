// The trust engine against Kafka and Redis, as one start function: main.ts and `trustwatch run` share it.
import { createKafkaBus, type StartedService } from '@trustwatch/bus';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { loadEntityCatalog, vendorIdResolver } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import { openRedisTrustStore } from '@trustwatch/store';
import type { EngineConfig } from './config.js';
import { startTrustEngine } from './embedded.js';
import { ENGINE_TOPICS } from './engine/handle-event.js';
import { loadPolicy } from './policy.js';

/** What the engine needs to start: its validated config, the process logger, a fatal callback. */
export interface EngineServiceOptions {
  readonly config: EngineConfig;
  readonly log: Logger;
  /** Called when the consumer used up its restart budget: the caller shuts the process down. */
  readonly onFatal: (error: Error) => void;
}

/** A started service: what to close on the way out, in order, and the budget for it. */
export type StartedEngineService = StartedService;

/**
 * Loads the policy, opens the Redis trust store and the Kafka bus, provisions the engine's topics and
 * starts the engine. A failed start closes what it opened before rethrowing.
 */
export async function startEngineService(options: EngineServiceOptions): Promise<StartedEngineService> {
  const { config, log, onFatal } = options;
  const { kafka, redis, engine: settings } = config;
  const policy = await loadPolicy(settings.policyFile);
  const vendorIdOf = vendorIdResolver(loadEntityCatalog(settings.catalogFile));
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
  try {
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const engine = await startTrustEngine({
      bus,
      store,
      policy,
      log,
      groupId: settings.groupId,
      decayPollMs: settings.decayPollMs,
      concurrentPartitions: settings.concurrentPartitions,
      vendorIdOf,
      isHealthy: () => Promise.resolve(store.isReady()),
      storeRestarts: (listener) => store.onRestart(listener),
    });
    log.info({ groupId: settings.groupId, policy: policy.version }, 'trust engine running');
    // Consumers drain first (in-flight events finish and commit), then the bus, then the store.
    return { closeables: [engine, bus, store], shutdownDeadlineMs: settings.shutdownDeadlineMs };
  } catch (error) {
    // The start error is the one worth reporting; closing errors after it would only hide it.
    await bus.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
