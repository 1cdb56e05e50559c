import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';
import { defineScriptSet } from '../redis/script-set.js';

// Typed signatures of the API-key commands; redis-api-keys.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twPutApiKey(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twRevokeApiKey(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twTouchApiKey(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const apiKeyScripts = defineScriptSet('api-key', [
  { command: 'twPutApiKey', file: 'putApiKey-3.lua', numberOfKeys: 3 },
  { command: 'twRevokeApiKey', file: 'revokeApiKey-1.lua', numberOfKeys: 1 },
  { command: 'twTouchApiKey', file: 'touchApiKey-1.lua', numberOfKeys: 1 },
]);

/**
 * Registers the API-key scripts on a client and re-loads them on every `ready` (the server's script
 * cache is empty after a restart or failover). Safe to call once per client, alongside registerScripts.
 */
export function registerApiKeyScripts(redis: Redis, log?: StoreLogger): void {
  apiKeyScripts.register(redis, log);
}

/** SCRIPT LOAD of the API-key scripts. */
export function loadApiKeyScripts(redis: Redis): Promise<void> {
  return apiKeyScripts.load(redis);
}
