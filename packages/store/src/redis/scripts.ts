import { readFileSync } from 'node:fs';
import type { ChainableCommander, Redis, Result } from 'ioredis';
import type { StoreLogger } from './connection.js';

// Typed signatures of the commands registered below; the wrappers in redis-store.ts are their only callers.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twApplyEffects(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twSwapFleet(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twPutSharedFactor(key: string, json: string, version: number): Result<number, Context>;
    twRecordProgress(key: string, partition: number, offset: string): Result<number, Context>;
    twPutAssetSnapshot(key: string, assetId: string, version: string, json: string): Result<number, Context>;
    twUpsertObservedAsset(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
  }
}

interface ScriptFile {
  readonly command:
    | 'twApplyEffects'
    | 'twSwapFleet'
    | 'twPutSharedFactor'
    | 'twRecordProgress'
    | 'twPutAssetSnapshot'
    | 'twUpsertObservedAsset';
  readonly file: string;
  readonly numberOfKeys: number;
}

/** Script files in lua/: the number in each name is its key count. */
export const SCRIPT_FILES: readonly ScriptFile[] = [
  { command: 'twApplyEffects', file: 'applyEffects-8.lua', numberOfKeys: 8 },
  { command: 'twSwapFleet', file: 'swapFleet-7.lua', numberOfKeys: 7 },
  { command: 'twPutSharedFactor', file: 'putSharedFactor-1.lua', numberOfKeys: 1 },
  { command: 'twRecordProgress', file: 'recordProgress-1.lua', numberOfKeys: 1 },
  { command: 'twPutAssetSnapshot', file: 'putAssetSnapshot-1.lua', numberOfKeys: 1 },
  { command: 'twUpsertObservedAsset', file: 'upsertObservedAsset-4.lua', numberOfKeys: 4 },
];

// lua/ sits next to src/ and dist/, so the same relative path works from both.
const luaDir = new URL('../../lua/', import.meta.url);
const sources = new Map(SCRIPT_FILES.map((s) => [s.command, readFileSync(new URL(s.file, luaDir), 'utf8')]));

function source(command: ScriptFile['command']): string {
  const lua = sources.get(command);
  if (lua === undefined) throw new Error(`script ${command} not loaded`);
  return lua;
}

/**
 * Registers every script once on a client and re-loads them into the server's script cache on every
 * `ready` (the cache is empty after a restart or failover), so pipelined EVALSHA calls rarely meet
 * NOSCRIPT; when they do, ioredis resends that call as EVAL and the in-script dedupe makes it safe.
 */
export function registerScripts(redis: Redis, log?: StoreLogger): void {
  for (const script of SCRIPT_FILES) {
    redis.defineCommand(script.command, { numberOfKeys: script.numberOfKeys, lua: source(script.command) });
  }
  redis.on('ready', () => {
    loadScripts(redis).catch((err: unknown) => log?.warn({ err }, 'SCRIPT LOAD after reconnect failed'));
  });
}

/** SCRIPT LOAD of every script; also used after a NOSCRIPT reply to reload before retrying a chunk. */
export async function loadScripts(redis: Redis): Promise<void> {
  const pipeline: ChainableCommander = redis.pipeline();
  for (const script of SCRIPT_FILES) pipeline.script('LOAD', source(script.command));
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([err]) => err !== null);
  if (failed?.[0]) throw failed[0];
}

type CommandResult = [Error | null, unknown];

/** True for a NOSCRIPT reply: the server's script cache was emptied (SCRIPT FLUSH, restart, failover). */
export function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * Results of a pipeline resent after NOSCRIPT, where each command that succeeded the first time keeps
 * its first reply. Its resend can only answer `duplicate` (the dedupe marker is its own), which would
 * tell the caller that an event this very call applied had been applied before.
 */
export function keepFirstSuccesses(
  first: readonly CommandResult[],
  resent: readonly CommandResult[],
): CommandResult[] {
  return resent.map((result, i) => {
    const earlier = first[i];
    return earlier !== undefined && earlier[0] === null ? earlier : result;
  });
}
