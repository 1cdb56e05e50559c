// The durable alert outbox (Redis adapter of the alerter's OutboxPort).
export { createRedisOutbox, type RedisOutbox, type RedisOutboxOptions } from './redis-outbox.js';
export { createOutboxKeys, type OutboxKeys } from './outbox-keys.js';
export { registerOutboxScripts, loadOutboxScripts } from './outbox-scripts.js';
export type * from './outbox-types.js';
