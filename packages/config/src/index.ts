export * from './errors.js';
export { envFlag, envFlagOptional, envList } from './env.js';
export * from './secret.js';
export * from './kafka.js';
export * from './redis.js';
export * from './connections.js';
export * from './logging.js';
export * from './load-config.js';
