import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';
import { defineScriptSet } from '../redis/script-set.js';

// Typed signatures of the ingest snapshot commands; redis-ingest-snapshots.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twClaimIngestSnapshot(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twPutIngestSnapshot(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const ingestScripts = defineScriptSet('ingest snapshot', [
  { command: 'twClaimIngestSnapshot', file: 'claimIngestSnapshot-2.lua', numberOfKeys: 2 },
  { command: 'twPutIngestSnapshot', file: 'putIngestSnapshot-2.lua', numberOfKeys: 2 },
]);

/**
 * Registers the ingest snapshot scripts on a client and re-loads them on every `ready` (the server's
 * script cache is empty after a restart or failover). Safe to call once per client, alongside
 * registerScripts and registerOutboxScripts.
 */
export function registerIngestSnapshotScripts(redis: Redis, log?: StoreLogger): void {
  ingestScripts.register(redis, log);
}

/** SCRIPT LOAD of the ingest snapshot scripts. */
export function loadIngestSnapshotScripts(redis: Redis): Promise<void> {
  return ingestScripts.load(redis);
}
