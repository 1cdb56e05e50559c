import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';
import { defineScriptSet } from '../redis/script-set.js';

// Typed signatures of the outbox commands; redis-outbox.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twEnqueueOutbox(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twClaimOutbox(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twCompleteOutbox(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const outboxScripts = defineScriptSet('outbox', [
  { command: 'twEnqueueOutbox', file: 'enqueueOutbox-5.lua', numberOfKeys: 5 },
  { command: 'twClaimOutbox', file: 'claimOutbox-1.lua', numberOfKeys: 1 },
  { command: 'twCompleteOutbox', file: 'completeOutbox-2.lua', numberOfKeys: 2 },
]);

/**
 * Registers the outbox scripts on a client and re-loads them on every `ready` (the server's script cache
 * is empty after a restart or failover). Safe to call once per client, alongside registerScripts.
 */
export function registerOutboxScripts(redis: Redis, log?: StoreLogger): void {
  outboxScripts.register(redis, log);
}

/** SCRIPT LOAD of the outbox scripts. */
export function loadOutboxScripts(redis: Redis): Promise<void> {
  return outboxScripts.load(redis);
}
