import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from '../redis/connection.js';

// Typed signatures of the ingest snapshot commands; redis-ingest-snapshots.ts is their only caller.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twClaimIngestSnapshot(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twPutIngestSnapshot(...keysAndArgs: (string | number)[]): Result<number, Context>;
  }
}

const INGEST_SCRIPTS = [
  { command: 'twClaimIngestSnapshot', file: 'claimIngestSnapshot-2.lua', numberOfKeys: 2 },
  { command: 'twPutIngestSnapshot', file: 'putIngestSnapshot-2.lua', numberOfKeys: 2 },
] as const;

// lua/ sits next to src/ and dist/, so the same relative path works from both.
const luaDir = new URL('../../lua/', import.meta.url);
const sources = INGEST_SCRIPTS.map((s) => ({ ...s, lua: readFileSync(new URL(s.file, luaDir), 'utf8') }));

/**
 * Registers the ingest snapshot scripts on a client and re-loads them on every `ready` (the server's
 * script cache is empty after a restart or failover). Safe to call once per client, alongside
 * registerScripts and registerOutboxScripts.
 */
export function registerIngestSnapshotScripts(redis: Redis, log?: StoreLogger): void {
  for (const s of sources) redis.defineCommand(s.command, { numberOfKeys: s.numberOfKeys, lua: s.lua });
  redis.on('ready', () => {
    loadIngestSnapshotScripts(redis).catch((err: unknown) =>
      log?.warn({ err }, 'ingest snapshot SCRIPT LOAD failed'),
    );
  });
}

/** SCRIPT LOAD of the ingest snapshot scripts. */
export async function loadIngestSnapshotScripts(redis: Redis): Promise<void> {
  for (const s of sources) await redis.script('LOAD', s.lua);
}
