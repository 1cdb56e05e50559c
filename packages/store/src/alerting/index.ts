// Alerting state (rule memory, groups, alerts, silences, rules, receivers): memory and Redis adapters.
export * from './alerting-types.js';
export {
  createAlertingKeys,
  type AlertingKeys,
  type AlertingCustomerKeys,
  type NamedKind,
} from './alerting-keys.js';
export { createMemoryAlertingStore } from './memory-alerting-store.js';
export { createRedisAlertingStore, type RedisAlertingStoreOptions } from './redis-alerting-store.js';
export { registerAlertingScripts, loadAlertingScripts } from './alerting-scripts.js';
export { openRedisAlerting, type OpenRedisAlertingOptions, type RedisAlerting } from './open.js';
