import { scriptError, StoreError } from '../errors.js';
import { vendorShares } from '../fleet/fleet-index.js';
import { checkObservedVersion, planObservedAsset, refusedObservation } from '../fleet/observed-asset.js';
import type { StoreKeys } from '../keys.js';
import type { Asset, ObservedAssetChange } from '../port.js';
import type { Coalescer } from './coalescer.js';

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
 * key of the script carries the customer's hash tag; the vendor -> customers index and the customer
 * listing live in other slots, so they are updated next to the script (idempotent: shares are
 * recomputed from the counts, ZADD NX adds a listed customer once). Each step goes through the
 * coalescer, so observations of many customers arriving together share their round trips: a batch of
 * known assets costs two (the reads, then the scripts), however many customers it spans.
 */
export async function upsertObservedInRedis(
  batch: Coalescer,
  keys: StoreKeys,
  customerId: string,
  observed: Asset,
  version: number,
): Promise<ObservedAssetChange> {
  checkObservedVersion(version);
  const k = keys.customer(customerId);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [storedReply, vendorsReply] = await batch.send('upsertObservedAsset read', (p) =>
      p.hget(k.assets, observed.id).hget(k.fleetMeta, 'vendors'),
    );
    const stored = typeof storedReply === 'string' ? storedReply : null;
    const vendorsJson = typeof vendorsReply === 'string' ? vendorsReply : null;
    const write = planObservedAsset(customerId, stored, parseVendors(vendorsJson), observed);
    const args = [
      ...[k.assets, k.components, k.fleetMeta, k.observed, observed.id, String(version)],
      ...[stored ?? '', write.json, vendorsJson ?? '', JSON.stringify(write.vendors)],
      ...[write.removedFields.length, ...write.removedFields, ...write.addedFields],
    ];
    const [reply] = await batch.send(
      'upsertObservedAsset',
      (p) => {
        p.twUpsertObservedAsset(...args);
        // A stored asset means a stored fleet: the customer is listed whatever the script answers.
        if (stored !== null) p.zadd(keys.customerIndex, 'NX', 0, customerId);
      },
      { write: true },
    );
    if (reply === 2) continue;
    if (reply === 0) return refusedObservation(customerId);
    if (reply !== 1) throw scriptError('upsertObservedAsset', typeof reply === 'number' ? reply : NaN);
    if (stored === null) {
      const shares = vendorShares(write.vendors);
      await batch.send(
        'vendor index update',
        (p) => {
          for (const [vendor, share] of shares) p.zadd(keys.vendorCustomers(vendor), share, customerId);
          p.zadd(keys.customerIndex, 'NX', 0, customerId);
        },
        { write: true },
      );
    }
    return write.change;
  }
  throw new StoreError('UNAVAILABLE', `asset ${observed.id} kept changing during upsertObservedAsset`);
}
