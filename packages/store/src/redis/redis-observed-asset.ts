import type { Redis } from 'ioredis';
import { scriptError, StoreError, unavailable } from '../errors.js';
import { vendorShares } from '../fleet/fleet-index.js';
import { checkObservedVersion, planObservedAsset, refusedObservation } from '../fleet/observed-asset.js';
import type { StoreKeys } from '../keys.js';
import type { Asset, ObservedAssetChange } from '../port.js';

// Each retry means another writer changed this asset or the fleet's vendor counts between our read and
// our script; a handful of rounds covers any real burst, beyond that the caller's retry takes over.
const MAX_ROUNDS = 5;

function parseVendors(json: string | null): Record<string, number> {
  if (json === null) return {};
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StoreError('CORRUPT_STATE', 'the fleet vendor counts are not a JSON object');
  }
  return parsed as Record<string, number>;
}

/**
 * Writes one observed asset with upsertObservedAsset-4.lua: read the stored asset and vendor counts,
 * plan the entry, and let the script write it only if neither moved meanwhile (else read again). Every
 * key of the script carries the customer's hash tag; the vendor -> customers index lives in other
 * slots, so it is updated after the script (idempotent: shares are recomputed from the counts).
 */
export async function upsertObservedInRedis(
  redis: Redis,
  keys: StoreKeys,
  customerId: string,
  observed: Asset,
  version: number,
): Promise<ObservedAssetChange> {
  checkObservedVersion(version);
  const k = keys.customer(customerId);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let reply: unknown;
    let stored: string | null;
    let vendorsJson: string | null;
    try {
      [stored, vendorsJson] = await Promise.all([
        redis.hget(k.assets, observed.id),
        redis.hget(k.fleetMeta, 'vendors'),
      ]);
    } catch (cause) {
      throw unavailable('upsertObservedAsset read', cause);
    }
    const write = planObservedAsset(customerId, stored, parseVendors(vendorsJson), observed);
    try {
      reply = await redis.twUpsertObservedAsset(
        ...[k.assets, k.components, k.fleetMeta, k.observed, observed.id, String(version)],
        ...[stored ?? '', write.json, vendorsJson ?? '', JSON.stringify(write.vendors)],
        ...[write.removedFields.length, ...write.removedFields, ...write.addedFields],
      );
    } catch (cause) {
      throw unavailable('upsertObservedAsset', cause);
    }
    if (reply === 2) continue;
    if (reply === 0) return refusedObservation(customerId);
    if (reply !== 1) throw scriptError('upsertObservedAsset', typeof reply === 'number' ? reply : NaN);
    if (write.change.added.length > 0) {
      const index = redis.pipeline();
      for (const [vendor, share] of vendorShares(write.vendors)) {
        index.zadd(keys.vendorCustomers(vendor), share, customerId);
      }
      let results: [Error | null, unknown][];
      try {
        results = (await index.exec()) ?? [];
      } catch (cause) {
        throw unavailable('vendor index update', cause);
      }
      const failed = results.find(([err]) => err !== null);
      if (failed?.[0]) throw unavailable('vendor index update', failed[0]);
    }
    return write.change;
  }
  throw new StoreError('UNAVAILABLE', `asset ${observed.id} kept changing during upsertObservedAsset`);
}
