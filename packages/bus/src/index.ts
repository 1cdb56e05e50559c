export * from './errors.js';
export * from './topics.js';
export { renderTopicTable } from './topics-table.js';
export type * from './port.js';
export type { MetricsSnapshot } from './metrics.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from './runner/retry.js';
export { DLQ_HEADERS } from './runner/dead-letter.js';
export { DEFAULT_MAX_BATCH_SIZE } from './runner/event-work.js';
export { DEFAULT_DRAIN_DEADLINE_MS } from './consumer-handle.js';
export { createMemoryBus, type MemoryBusOptions } from './memory/memory-bus.js';
export { decorateBus } from './decorate-bus.js';
export { partitionForKey } from './memory/murmur2.js';
export { createKafkaBus } from './kafka/kafka-bus.js';
export {
  DEFAULT_CONSUMER_TUNING,
  type KafkaBusOptions,
  type KafkaConnectionOptions,
  type KafkaConsumerTuning,
} from './kafka/kafka-options.js';
export { installShutdown, type Closeable, type ShutdownOptions, type StartedService } from './shutdown.js';
