import { connectRedis, type RedisConnectionOptions } from '../redis/connection.js';
import type { ApiKeyRepository } from './api-key-types.js';
import { loadApiKeyScripts, registerApiKeyScripts } from './api-key-scripts.js';
import { createRedisApiKeys } from './redis-api-keys.js';

export interface OpenRedisApiKeysOptions extends RedisConnectionOptions {
  /** Key prefix (`tw` in production, a unique one per test). */
  readonly prefix: string;
}

/**
 * The Redis API-key repository with its own client: connected, scripts registered and loaded;
 * `close()` quits the client (after in-flight commands are answered).
 */
export async function openRedisApiKeys(
  options: OpenRedisApiKeysOptions,
): Promise<ApiKeyRepository & { isReady(): boolean; close(): Promise<void> }> {
  const redis = await connectRedis(options);
  registerApiKeyScripts(redis, options.log);
  await loadApiKeyScripts(redis);
  return {
    ...createRedisApiKeys({ redis, prefix: options.prefix }),
    isReady: () => redis.status === 'ready',
    async close() {
      await redis.quit();
    },
  };
}
