// The ingest-news state (story desk and claim ledger) on Redis: the adapter of the service's NewsState port.
export {
  createRedisNewsState,
  DEFAULT_LEDGER_RETENTION_SECONDS,
  DEFAULT_STORY_RETENTION_SECONDS,
  type RedisNewsStateOptions,
} from './redis-news-state.js';
export { createNewsKeys, type NewsKeys } from './news-keys.js';
export { registerNewsScripts, loadNewsScripts } from './news-scripts.js';
export type * from './news-types.js';
