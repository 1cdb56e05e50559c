// The trust store: exposure index, factors, scores, feed, dedupe and resume positions.
export * from './port.js';
export * from './errors.js';
export { createKeys, type StoreKeys, type CustomerKeys } from './keys.js';
export { createMemoryTrustStore, type MemoryStoreOptions } from './memory/memory-store.js';
export { createRedisTrustStore, type RedisStoreOptions } from './redis/redis-store.js';
export { openRedisTrustStore, type OpenRedisStoreOptions, type RedisTrustStore } from './redis/open.js';
export {
  watchRestarts,
  serverRunId,
  type RestartListener,
  type RestartWatch,
} from './redis/restart-watch.js';
export {
  connectRedis,
  redisOptions,
  isRedisReady,
  checkDurability,
  type RedisConnectionOptions,
  type StoreLogger,
} from './redis/connection.js';
export { registerScripts, loadScripts } from './redis/scripts.js';
export { importFleet, type FleetSource, type ImportOptions } from './fleet/import-fleet.js';
export {
  fleetChangedEventOf,
  type FleetChangedEvent,
  type FleetChangedEventInput,
} from './fleet/fleet-event.js';
export { assetsFromCycloneDx } from './fleet/cyclonedx.js';
export { assetsFromSimpleCsv, assetsFromSimpleJson } from './fleet/simple-format.js';
export * from './outbox/index.js';
export * from './news/index.js';
export * from './ingest-state/index.js';
export * from './alerting/index.js';
export * from './api-keys/index.js';
