import type { TrustStore } from '../port.js';
import { checkDurability, connectRedis, type RedisConnectionOptions } from './connection.js';
import { createRedisTrustStore, type RedisStoreOptions } from './redis-store.js';
import { loadScripts, registerScripts } from './scripts.js';

export interface OpenRedisStoreOptions extends RedisConnectionOptions, Omit<RedisStoreOptions, 'redis'> {
  /** Check AOF/noeviction with CONFIG GET at startup and log a warning when they differ. Default true. */
  readonly checkDurability?: boolean;
}

/** A Redis trust store with its own client: connected, scripts registered and loaded; close() quits it. */
export async function openRedisTrustStore(
  options: OpenRedisStoreOptions,
): Promise<TrustStore & { isReady(): boolean }> {
  const redis = await connectRedis(options);
  registerScripts(redis, options.log);
  await loadScripts(redis);
  if (options.checkDurability !== false) await checkDurability(redis, options.log);
  const store = createRedisTrustStore({ ...options, redis });
  return {
    ...store,
    isReady: () => redis.status === 'ready',
    async close() {
      const ended = new Promise((resolve) => redis.once('end', resolve));
      await redis.quit();
      // QUIT resolves on the server's OK; the socket closes just after. Wait so isReady() is false on return.
      if (redis.status !== 'end') await ended;
    },
  };
}
