import type { TrustStore } from '../port.js';
import { checkDurability, connectRedis, type RedisConnectionOptions } from './connection.js';
import { createRedisTrustStore, type RedisStoreOptions } from './redis-store.js';
import { watchRestarts, type RestartListener } from './restart-watch.js';
import { loadScripts, registerScripts } from './scripts.js';

export interface OpenRedisStoreOptions extends RedisConnectionOptions, Omit<RedisStoreOptions, 'redis'> {
  /** Check AOF/noeviction with CONFIG GET at startup and log a warning when they differ. Default true. */
  readonly checkDurability?: boolean;
}

/** The Redis trust store with its own client, as `openRedisTrustStore` returns it. */
export interface RedisTrustStore extends TrustStore {
  /** Connected and past the restart check: the backpressure signal (pause partitions while false). */
  isReady(): boolean;
  /**
   * Runs `listener` when the client reconnects to a server that restarted (new `run_id`): it may have
   * lost writes. Writes are held until every listener settled, so the engine can rewind its partitions
   * to `resumeOffsets` first. Returns the listener's removal.
   */
  onRestart(listener: RestartListener): () => void;
}

/** A Redis trust store with its own client: connected, scripts registered and loaded; close() quits it. */
export async function openRedisTrustStore(options: OpenRedisStoreOptions): Promise<RedisTrustStore> {
  const redis = await connectRedis(options);
  registerScripts(redis, options.log);
  await loadScripts(redis);
  if (options.checkDurability !== false) await checkDurability(redis, options.log);
  const watch = await watchRestarts(redis, options.log);
  const store = createRedisTrustStore({ ...options, redis, writable: () => watch.verified() });
  return {
    ...store,
    isReady: () => watch.verified(),
    onRestart: (listener) => watch.onRestart(listener),
    async close() {
      watch.stop();
      const ended = new Promise((resolve) => redis.once('end', resolve));
      await redis.quit();
      // QUIT resolves on the server's OK; the socket closes just after. Wait so isReady() is false on return.
      if (redis.status !== 'end') await ended;
    },
  };
}
