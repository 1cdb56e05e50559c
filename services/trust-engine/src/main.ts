// Production composition root: config -> logger -> Kafka bus + Redis store -> engine -> graceful shutdown.
import { createKafkaBus, installShutdown } from '@trustwatch/bus';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { createLogger } from '@trustwatch/logging';
import { openRedisTrustStore } from '@trustwatch/store';
import { loadEngineConfig } from './config.js';
import { startTrustEngine } from './embedded.js';
import { ENGINE_TOPICS } from './engine/handle-event.js';
import { loadPolicy } from './policy.js';

const config = loadEngineConfig();
const log = createLogger({ service: 'trust-engine', level: config.log.level });
const { kafka, redis, engine: settings } = config;

const policy = await loadPolicy(settings.policyFile);
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
await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
const engine = await startTrustEngine({
  bus,
  store,
  policy,
  log,
  groupId: settings.groupId,
  decayPollMs: settings.decayPollMs,
  isHealthy: () => Promise.resolve(store.isReady()),
});
// Consumers drain first (in-flight events finish and commit), then the bus, then the store.
const shutdown = installShutdown({
  closeables: [engine, bus, store],
  deadlineMs: settings.shutdownDeadlineMs,
  log,
});
log.info({ groupId: settings.groupId, policy: policy.version }, 'trust engine running');
