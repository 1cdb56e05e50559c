import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';

// Typed signatures of the outbox commands; redis-outbox.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twEnqueueOutbox(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twClaimOutbox(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twCompleteOutbox(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const OUTBOX_SCRIPTS = [
  { command: 'twEnqueueOutbox', file: 'enqueueOutbox-5.lua', numberOfKeys: 5 },
  { command: 'twClaimOutbox', file: 'claimOutbox-1.lua', numberOfKeys: 1 },
  { command: 'twCompleteOutbox', file: 'completeOutbox-2.lua', numberOfKeys: 2 },
] as const;

// lua/ sits next to src/ and dist/, so the same relative path works from both.
const luaDir = new URL('../../lua/', import.meta.url);
const sources = OUTBOX_SCRIPTS.map((s) => ({ ...s, lua: readFileSync(new URL(s.file, luaDir), 'utf8') }));

/**
 * Registers the outbox scripts on a client and re-loads them on every `ready` (the server's script cache
 * is empty after a restart or failover). Safe to call once per client, alongside registerScripts.
 */
export function registerOutboxScripts(redis: Redis, log?: StoreLogger): void {
  for (const s of sources) redis.defineCommand(s.command, { numberOfKeys: s.numberOfKeys, lua: s.lua });
  redis.on('ready', () => {
    loadOutboxScripts(redis).catch((err: unknown) => log?.warn({ err }, 'outbox SCRIPT LOAD failed'));
  });
}

/** SCRIPT LOAD of the outbox scripts. */
export async function loadOutboxScripts(redis: Redis): Promise<void> {
  for (const s of sources) await redis.script('LOAD', s.lua);
}
