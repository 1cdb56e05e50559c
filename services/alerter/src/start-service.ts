// The alerter against Kafka and Redis, as one start function: main.ts and `trustwatch run` share it.
import { createKafkaBus, type StartedService } from '@trustwatch/bus';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { loadEntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import { openRedisAlerting } from '@trustwatch/store';
import type { AlerterConfig } from './config.js';
import { startAlerter } from './runtime/alerter.js';
import { loadAlertingSetup } from './runtime/alerting-setup.js';
import { catalogDisplayNames } from './runtime/display-names.js';

/** What the alerter needs to start: its validated config, the process logger, a fatal callback. */
export interface AlerterServiceOptions {
  readonly config: AlerterConfig;
  readonly log: Logger;
  /** Called when the consumer used up its restart budget: the caller shuts the process down. */
  readonly onFatal: (error: Error) => void;
}

/** A started service: what to close on the way out, in order, and the budget for it. */
export type StartedAlerterService = StartedService;

/**
 * Loads rules, routing and receivers, opens the Redis alerting store and outbox and the Kafka bus,
 * and starts the alerter. A failed start closes what it opened before rethrowing.
 */
export async function startAlerterService(options: AlerterServiceOptions): Promise<StartedAlerterService> {
  const { config, log, onFatal } = options;
  const { kafka, redis, alerter: settings } = config;
  // Rules, routing and receivers are checked together before anything connects: a bad file fails fast.
  const setup = await loadAlertingSetup(settings);
  const alerting = await openRedisAlerting({
    ...redisConnection(redis),
    outboxName: settings.outboxName,
    log: log.child({ module: 'store' }),
  });
  const bus = createKafkaBus({
    ...kafkaConnection(kafka),
    namespace: settings.namespace,
    logger: log,
    onFatal,
  });
  try {
    await bus.ensureTopics(['trust.changed']);
    const alerter = await startAlerter({
      bus,
      store: alerting.store,
      outbox: alerting.outbox,
      setup,
      log,
      dashboardBaseUrl: settings.dashboardBaseUrl,
      displayName: catalogDisplayNames(loadEntityCatalog()),
      groupId: settings.groupId,
      tickMs: settings.tickMs,
      isHealthy: () => Promise.resolve(alerting.isReady()),
    });
    log.info({ groupId: settings.groupId, receivers: setup.receivers.length }, 'alerter running');
    // The consumer drains first (in-flight changes commit), then the bus, then Redis.
    return { closeables: [alerter, bus, alerting], shutdownDeadlineMs: settings.shutdownDeadlineMs };
  } catch (error) {
    // The start error is the one worth reporting; closing errors after it would only hide it.
    await bus.close().catch(() => undefined);
    await alerting.close().catch(() => undefined);
    throw error;
  }
}
