// Real-Redis wiring for the news state tests: one client per "instance", a unique prefix per state,
// cleanup of exactly the keys under the prefixes handed out.
import { connectRedis, createRedisNewsState, loadNewsScripts, registerNewsScripts } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { loadOutletDirectory } from '../data-files.js';
import { newsModel, type NewsState } from '../service/news-state.js';

/** A store client, typed through the store (services never import ioredis). */
export type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

export interface RedisNewsFixture {
  /** A client with the news scripts, as each ingest instance opens its own. */
  client(): Promise<RedisClient>;
  /** A fresh key prefix, removed again by cleanup. */
  prefix(): string;
  /** A NewsState on `redis` under `prefix` (the one under test: the compile-time check is here too). */
  state(redis: RedisClient, prefix: string, retentionSeconds?: number): NewsState;
  cleanup(): Promise<void>;
}

/** Every key under a prefix, sorted, with a full SCAN (one call may return only part of the matches). */
export async function keysUnder(redis: RedisClient, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  return keys.sort();
}

export function redisNewsFixture(): RedisNewsFixture {
  const clients: RedisClient[] = [];
  const prefixes: string[] = [];
  const model = newsModel(loadOutletDirectory());
  return {
    async client() {
      const redis = await connectRedis({ url: integrationTargets().redisUrl });
      registerNewsScripts(redis);
      await loadNewsScripts(redis);
      clients.push(redis);
      return redis;
    },
    prefix() {
      const prefix = `twtest:${uniqueName('news')}`;
      prefixes.push(prefix);
      return prefix;
    },
    state(redis, prefix, retentionSeconds) {
      // Typed as the port: this line fails to compile if the Redis adapter stops satisfying NewsState.
      const state: NewsState = createRedisNewsState(redis, {
        prefix,
        model,
        ...(retentionSeconds === undefined ? {} : { retentionSeconds }),
      });
      return state;
    },
    async cleanup() {
      const [first] = clients;
      if (first !== undefined)
        for (const prefix of prefixes) {
          const keys = await keysUnder(first, prefix);
          if (keys.length > 0) await first.unlink(...keys);
        }
      for (const redis of clients) await redis.quit();
    },
  };
}
