import { integrationTargets } from '@trustwatch/testing';
import type { Redis } from 'ioredis';
import { vi } from 'vitest';
import { connectRedis } from './connection.js';
import { loadScripts, registerScripts } from './scripts.js';

let counter = 0;

/** Every key matching a pattern, with a full SCAN (one call may return only part of the matches). */
export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/**
 * Counts client round trips as writes to the socket: ioredis writes a whole pipeline in one write and
 * each command sent outside a pipeline in one write of its own. `stop` returns the count and unhooks.
 */
export function countRoundTrips(redis: Redis): { stop: () => number } {
  const write = vi.spyOn(redis.stream, 'write');
  return {
    stop: () => {
      const count = write.mock.calls.length;
      write.mockRestore();
      return count;
    },
  };
}

/**
 * A client on the real integration Redis with the production settings, plus unique key prefixes. Test
 * isolation is by prefix; cleanup deletes only the keys under the prefixes this helper handed out.
 */
export async function testRedis(): Promise<{
  redis: Redis;
  prefix: () => string;
  cleanup: () => Promise<void>;
}> {
  const redis = await connectRedis({ url: integrationTargets().redisUrl });
  registerScripts(redis);
  await loadScripts(redis);
  const prefixes: string[] = [];
  return {
    redis,
    prefix: () => {
      const prefix = `twtest:${String(process.pid)}-${String(Date.now())}-${String(++counter)}`;
      prefixes.push(prefix);
      return prefix;
    },
    async cleanup() {
      for (const prefix of prefixes) {
        const found = await scanKeys(redis, `${prefix}:*`);
        for (let i = 0; i < found.length; i += 1000) await redis.unlink(...found.slice(i, i + 1000));
      }
      await redis.quit();
    },
  };
}
