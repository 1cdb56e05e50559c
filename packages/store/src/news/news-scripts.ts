import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';

// Typed signatures of the news commands; redis-news-state.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twAddNewsArticle(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twRecordNewsStory(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const NEWS_SCRIPTS = [
  { command: 'twAddNewsArticle', file: 'addNewsArticle-2.lua', numberOfKeys: 2 },
  { command: 'twRecordNewsStory', file: 'recordNewsStory-2.lua', numberOfKeys: 2 },
] as const;

// lua/ sits next to src/ and dist/, so the same relative path works from both.
const luaDir = new URL('../../lua/', import.meta.url);
const sources = NEWS_SCRIPTS.map((s) => ({ ...s, lua: readFileSync(new URL(s.file, luaDir), 'utf8') }));

/**
 * Registers the news scripts on a client and re-loads them on every `ready` (the server's script cache
 * is empty after a restart or failover). Call once per client, alongside registerScripts if it has them.
 */
export function registerNewsScripts(redis: Redis, log?: StoreLogger): void {
  for (const s of sources) redis.defineCommand(s.command, { numberOfKeys: s.numberOfKeys, lua: s.lua });
  redis.on('ready', () => {
    loadNewsScripts(redis).catch((err: unknown) => log?.warn({ err }, 'news SCRIPT LOAD failed'));
  });
}

/** SCRIPT LOAD of the news scripts. */
export async function loadNewsScripts(redis: Redis): Promise<void> {
  for (const s of sources) await redis.script('LOAD', s.lua);
}
