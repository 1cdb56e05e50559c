import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';
import { defineScriptSet } from '../redis/script-set.js';

// Typed signatures of the news commands; redis-news-state.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twAddNewsArticle(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twRecordNewsStory(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const newsScripts = defineScriptSet('news', [
  { command: 'twAddNewsArticle', file: 'addNewsArticle-2.lua', numberOfKeys: 2 },
  { command: 'twRecordNewsStory', file: 'recordNewsStory-2.lua', numberOfKeys: 2 },
]);

/**
 * Registers the news scripts on a client and re-loads them on every `ready` (the server's script cache
 * is empty after a restart or failover). Call once per client, alongside registerScripts if it has them.
 */
export function registerNewsScripts(redis: Redis, log?: StoreLogger): void {
  newsScripts.register(redis, log);
}

/** SCRIPT LOAD of the news scripts. */
export function loadNewsScripts(redis: Redis): Promise<void> {
  return newsScripts.load(redis);
}
