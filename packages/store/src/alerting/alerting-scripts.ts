import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';
import { defineScriptSet } from '../redis/script-set.js';

// Typed signatures of the alerting commands; redis-alerting-store.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twCommitAlerting(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twCasField(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const alertingScripts = defineScriptSet('alerting', [
  { command: 'twCommitAlerting', file: 'commitAlerting-5.lua', numberOfKeys: 5 },
  { command: 'twCasField', file: 'casField-1.lua', numberOfKeys: 1 },
]);

/**
 * Registers the alerting scripts on a client and re-loads them on every `ready` (the server's script
 * cache is empty after a restart or failover). Call once per client.
 */
export function registerAlertingScripts(redis: Redis, log?: StoreLogger): void {
  alertingScripts.register(redis, log);
}

/** SCRIPT LOAD of the alerting scripts. */
export function loadAlertingScripts(redis: Redis): Promise<void> {
  return alertingScripts.load(redis);
}
