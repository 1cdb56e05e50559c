import { checkDurability, connectRedis, type RedisConnectionOptions } from '../redis/connection.js';
import { loadOutboxScripts, registerOutboxScripts } from '../outbox/outbox-scripts.js';
import { createRedisOutbox, type RedisOutbox } from '../outbox/redis-outbox.js';
import { loadAlertingScripts, registerAlertingScripts } from './alerting-scripts.js';
import type { AlertingStore } from './alerting-types.js';
import { createRedisAlertingStore } from './redis-alerting-store.js';

export interface OpenRedisAlertingOptions extends RedisConnectionOptions {
  /** Key prefix (`tw` in production, a unique one per test). */
  readonly prefix: string;
  /** Outbox name, the hash tag of its keys (default `alerts`). */
  readonly outboxName?: string;
  /** Check AOF/noeviction at startup and log a warning when they differ. Default true. */
  readonly checkDurability?: boolean;
}

/** The alerting store and the alert outbox on one Redis client of their own. */
export interface RedisAlerting {
  readonly store: AlertingStore;
  readonly outbox: RedisOutbox;
  isReady(): boolean;
  /** Quits the client. */
  close(): Promise<void>;
}

/** Connects, registers and loads the alerting and outbox scripts: what the alerter and the API open. */
export async function openRedisAlerting(options: OpenRedisAlertingOptions): Promise<RedisAlerting> {
  const redis = await connectRedis(options);
  registerAlertingScripts(redis, options.log);
  registerOutboxScripts(redis, options.log);
  await loadAlertingScripts(redis);
  await loadOutboxScripts(redis);
  if (options.checkDurability !== false) await checkDurability(redis, options.log);
  return {
    store: createRedisAlertingStore({ redis, prefix: options.prefix }),
    outbox: createRedisOutbox({
      redis,
      prefix: options.prefix,
      ...(options.outboxName === undefined ? {} : { name: options.outboxName }),
    }),
    isReady: () => redis.status === 'ready',
    async close() {
      const ended = new Promise((resolve) => redis.once('end', resolve));
      await redis.quit();
      if (redis.status !== 'end') await ended;
    },
  };
}
