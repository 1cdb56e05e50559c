import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';

// Typed signatures of the alerting commands; redis-alerting-store.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twCommitAlerting(...keysAndArgs: (string | number)[]): Result<number, Context>;
    twCasField(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const ALERTING_SCRIPTS = [
  { command: 'twCommitAlerting', file: 'commitAlerting-5.lua', numberOfKeys: 5 },
  { command: 'twCasField', file: 'casField-1.lua', numberOfKeys: 1 },
] as const;

// lua/ sits next to src/ and dist/, so the same relative path works from both.
const luaDir = new URL('../../lua/', import.meta.url);
const sources = ALERTING_SCRIPTS.map((s) => ({ ...s, lua: readFileSync(new URL(s.file, luaDir), 'utf8') }));

/**
 * Registers the alerting scripts on a client and re-loads them on every `ready` (the server's script
 * cache is empty after a restart or failover). Call once per client.
 */
export function registerAlertingScripts(redis: Redis, log?: StoreLogger): void {
  for (const s of sources) redis.defineCommand(s.command, { numberOfKeys: s.numberOfKeys, lua: s.lua });
  redis.on('ready', () => {
    loadAlertingScripts(redis).catch((err: unknown) => log?.warn({ err }, 'alerting SCRIPT LOAD failed'));
  });
}

/** SCRIPT LOAD of the alerting scripts. */
export async function loadAlertingScripts(redis: Redis): Promise<void> {
  for (const s of sources) await redis.script('LOAD', s.lua);
}
