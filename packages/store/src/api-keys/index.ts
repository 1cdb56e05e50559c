// API keys of the HTTP API: hashes only, revocation and last use; memory and Redis adapters.
export {
  API_KEY_HASH,
  API_KEY_ID,
  type ApiKeyRepository,
  type NewApiKey,
  type StoredApiKey,
} from './api-key-types.js';
export { createApiKeyKeys, type ApiKeyKeys } from './api-key-keys.js';
export { registerApiKeyScripts, loadApiKeyScripts } from './api-key-scripts.js';
export { createMemoryApiKeys } from './memory-api-keys.js';
export { createRedisApiKeys, type RedisApiKeysOptions } from './redis-api-keys.js';
export { openRedisApiKeys, type OpenRedisApiKeysOptions } from './open-redis-api-keys.js';
