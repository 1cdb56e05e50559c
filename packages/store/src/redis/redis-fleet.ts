import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { chunks } from '../effects.js';
import { scriptError, StoreError, unavailable } from '../errors.js';
import {
  assertUniqueIds,
  assetJson,
  componentIndex,
  diffFleets,
  vendorCounts,
  vendorShares,
} from '../fleet/fleet-index.js';
import type { StoreKeys } from '../keys.js';
import type { Asset, FleetChange } from '../port.js';

// Fields per HSET while staging: keeps every command far below a millisecond of server time.
const STAGE_BATCH = 500;
// A stage left behind by a crashed import expires on its own.
const STAGE_TTL_MS = 3_600_000;

async function exec(pipeline: ReturnType<Redis['pipeline']>, operation: string): Promise<unknown[]> {
  let results: [Error | null, unknown][];
  try {
    results = (await pipeline.exec()) ?? [];
  } catch (cause) {
    throw unavailable(operation, cause);
  }
  const failed = results.find(([err]) => err !== null);
  if (failed?.[0]) throw unavailable(operation, failed[0]);
  return results.map(([, reply]) => reply);
}

/** Reads a hash in HSCAN pages, so a large previous fleet is never read by one blocking command. */
async function scanHash(redis: Redis, key: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  try {
    do {
      const [next, flat] = await redis.hscan(key, cursor, 'COUNT', 1000);
      for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i] ?? '', flat[i + 1] ?? '');
      cursor = next;
    } while (cursor !== '0');
  } catch (cause) {
    throw unavailable('fleet diff', cause);
  }
  return out;
}

/**
 * Replaces a customer's fleet by stage-and-swap: stage the new assets and component index under fresh
 * keys (one pipeline of small HSETs), swap them in with swapFleet-7.lua (renames only, atomic: readers
 * see the old fleet or the new one), diff against the swapped-out fleet and UNLINK it, and forget the
 * last-observation times of the removed assets that no longer guard anything (forgetObserved-3). The global
 * vendor -> customers index lives in other slots, so it is updated after the swap; that update is
 * idempotent and a re-import repairs it if the process died in between.
 */
export async function replaceFleetInRedis(
  redis: Redis,
  keys: StoreKeys,
  customerId: string,
  assets: readonly Asset[],
  version: number,
): Promise<FleetChange> {
  const duplicate = assertUniqueIds(assets);
  if (duplicate !== null) throw new StoreError('INVALID_FLEET', `asset id ${duplicate} appears twice`);
  if (!Number.isSafeInteger(version)) throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
  const k = keys.customer(customerId);
  const stage = k.fleetImport(randomUUID());
  const counts = vendorCounts(assets);

  const staging = redis.pipeline();
  for (const part of chunks(assets, STAGE_BATCH)) {
    staging.hset(stage.stagedAssets, Object.fromEntries(part.map((a) => [a.id, assetJson(a)])));
  }
  for (const part of chunks([...componentIndex(assets)], STAGE_BATCH)) {
    staging.hset(
      stage.stagedComponents,
      Object.fromEntries(part.map(([f, ids]) => [f, JSON.stringify(ids)])),
    );
  }
  staging.pexpire(stage.stagedAssets, STAGE_TTL_MS).pexpire(stage.stagedComponents, STAGE_TTL_MS);
  await exec(staging, 'fleet staging');

  let reply: unknown;
  try {
    reply = await redis.twSwapFleet(
      ...[k.assets, k.components, k.fleetMeta, stage.stagedAssets, stage.stagedComponents],
      ...[stage.previousAssets, stage.previousComponents, version, assets.length, JSON.stringify(counts)],
    );
  } catch (cause) {
    throw unavailable('swapFleet', cause);
  }
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') {
    throw new StoreError('CORRUPT_STATE', 'swapFleet returned an unexpected reply');
  }
  const [status, previousVendorsJson] = reply as [number, unknown];
  if (status === 0) {
    await redis.unlink(stage.stagedAssets, stage.stagedComponents);
    return { customerId, added: [], removed: [], changed: [], vendorsAffected: [], applied: false };
  }
  if (status !== 1 || typeof previousVendorsJson !== 'string') throw scriptError('swapFleet', status);
  const previous = await scanHash(redis, stage.previousAssets);
  const previousVendors = JSON.parse(previousVendorsJson) as Record<string, number>;
  const change = diffFleets(customerId, previous, previousVendors, assets);

  const cleanup = redis.pipeline().unlink(stage.previousAssets, stage.previousComponents);
  // Small batches keep each script far below a millisecond, as the staging HSETs are.
  for (const part of chunks(change.removed, STAGE_BATCH)) {
    cleanup.twForgetObserved(k.assets, k.observed, k.fleetMeta, ...part);
  }
  for (const vendor of Object.keys(previousVendors)) {
    if (counts[vendor] === undefined) cleanup.zrem(keys.vendorCustomers(vendor), customerId);
  }
  for (const [vendor, share] of vendorShares(counts))
    cleanup.zadd(keys.vendorCustomers(vendor), share, customerId);
  await exec(cleanup, 'vendor index update');
  return change;
}
