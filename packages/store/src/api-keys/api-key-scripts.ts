import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';

// Typed signatures of the API-key commands; redis-api-keys.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twPutApiKey(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twRevokeApiKey(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twTouchApiKey(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const API_KEY_SCRIPTS = [
  { command: 'twPutApiKey', file: 'putApiKey-3.lua', numberOfKeys: 3 },
  { command: 'twRevokeApiKey', file: 'revokeApiKey-1.lua', numberOfKeys: 1 },
  { command: 'twTouchApiKey', file: 'touchApiKey-1.lua', numberOfKeys: 1 },
] as const;

// lua/ sits next to src/ and dist/, so the same relative path works from both.
const luaDir = new URL('../../lua/', import.meta.url);
const sources = API_KEY_SCRIPTS.map((s) => ({ ...s, lua: readFileSync(new URL(s.file, luaDir), 'utf8') }));

/**
 * Registers the API-key scripts on a client and re-loads them on every `ready` (the server's script
 * cache is empty after a restart or failover). Safe to call once per client, alongside registerScripts.
 */
export function registerApiKeyScripts(redis: Redis, log?: StoreLogger): void {
  for (const s of sources) redis.defineCommand(s.command, { numberOfKeys: s.numberOfKeys, lua: s.lua });
  redis.on('ready', () => {
    loadApiKeyScripts(redis).catch((err: unknown) => log?.warn({ err }, 'api-key SCRIPT LOAD failed'));
  });
}

/** SCRIPT LOAD of the API-key scripts. */
export async function loadApiKeyScripts(redis: Redis): Promise<void> {
  for (const s of sources) await redis.script('LOAD', s.lua);
}
