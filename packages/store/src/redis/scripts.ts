import type { Redis, Result } from 'ioredis';
import type { StoreLogger } from './connection.js';
import { defineScriptSet, type ScriptFile } from './script-set.js';

// Typed signatures of the commands registered below; the wrappers in redis-store.ts are their only callers.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    twApplyEffects(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twSwapFleet(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
    twPutSharedFactor(key: string, json: string, version: number): Result<number, Context>;
    twRecordProgress(key: string, partition: number, offset: string): Result<number, Context>;
    twRecordProgressIfApplied(...countKeysAndArgs: (string | number)[]): Result<number, Context>;
    twPruneVendorFactors(key: string, ...idsAndScores: string[]): Result<number, Context>;
    twForgetObserved(
      assets: string,
      observed: string,
      meta: string,
      ...assetIds: string[]
    ): Result<number, Context>;
    twPutAssetSnapshot(key: string, assetId: string, version: string, json: string): Result<number, Context>;
    twUpsertObservedAsset(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
  }
}

type TrustCommand =
  | 'twApplyEffects'
  | 'twSwapFleet'
  | 'twPutSharedFactor'
  | 'twRecordProgress'
  | 'twRecordProgressIfApplied'
  | 'twPruneVendorFactors'
  | 'twForgetObserved'
  | 'twPutAssetSnapshot'
  | 'twUpsertObservedAsset';

/** Script files in lua/: the number in each name is its key count (`n`: given with each call). */
export const SCRIPT_FILES: readonly ScriptFile<TrustCommand>[] = [
  { command: 'twApplyEffects', file: 'applyEffects-8.lua', numberOfKeys: 8 },
  { command: 'twSwapFleet', file: 'swapFleet-7.lua', numberOfKeys: 7 },
  { command: 'twPutSharedFactor', file: 'putSharedFactor-1.lua', numberOfKeys: 1 },
  { command: 'twRecordProgress', file: 'recordProgress-1.lua', numberOfKeys: 1 },
  { command: 'twRecordProgressIfApplied', file: 'recordProgressIfApplied-n.lua' },
  { command: 'twPruneVendorFactors', file: 'pruneVendorFactors-1.lua', numberOfKeys: 1 },
  { command: 'twForgetObserved', file: 'forgetObserved-3.lua', numberOfKeys: 3 },
  { command: 'twPutAssetSnapshot', file: 'putAssetSnapshot-1.lua', numberOfKeys: 1 },
  { command: 'twUpsertObservedAsset', file: 'upsertObservedAsset-4.lua', numberOfKeys: 4 },
];

const trustScripts = defineScriptSet('trust store', SCRIPT_FILES);

/**
 * Registers every script once on a client and re-loads them into the server's script cache on every
 * `ready` (the cache is empty after a restart or failover), so pipelined EVALSHA calls rarely meet
 * NOSCRIPT; when they do, ioredis resends that call as EVAL and the in-script dedupe makes it safe.
 */
export function registerScripts(redis: Redis, log?: StoreLogger): void {
  trustScripts.register(redis, log);
}

/** SCRIPT LOAD of every script; also used after a NOSCRIPT reply to reload before retrying a chunk. */
export function loadScripts(redis: Redis): Promise<void> {
  return trustScripts.load(redis);
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
