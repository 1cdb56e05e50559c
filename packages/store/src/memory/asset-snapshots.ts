import { firmwareObservedSchema } from '@trustwatch/schemas';
import { StoreError } from '../errors.js';
import type { AssetSnapshotEntry, TrustStore } from '../port.js';

/**
 * Refuses an entry that does not describe the asset it is stored under: a snapshot filed under the
 * wrong customer would be diffed against another customer's servers. Both adapters call it.
 */
export function checkSnapshotOwner(customerId: string, assetId: string, entry: AssetSnapshotEntry): void {
  if (entry.snapshot.customerId !== customerId || entry.snapshot.assetId !== assetId) {
    throw new StoreError('INVALID_ARGUMENT', 'the snapshot describes another customer or asset');
  }
}

/** Reads a stored entry back, refusing one this package did not write. */
export function parseSnapshotEntry(json: string): AssetSnapshotEntry {
  try {
    const raw = JSON.parse(json) as { snapshot?: unknown; snapshotId?: unknown };
    if (typeof raw.snapshotId !== 'string') throw new TypeError('snapshotId is not a string');
    return { snapshot: firmwareObservedSchema.parse(raw.snapshot), snapshotId: raw.snapshotId };
  } catch (cause) {
    throw new StoreError('CORRUPT_STATE', 'a stored asset snapshot is not an AssetSnapshotEntry', { cause });
  }
}

/** The memory adapter's asset snapshots: the same version rule as `putAssetSnapshot-1.lua`. */
export function memoryAssetSnapshots(): Pick<TrustStore, 'getAssetSnapshot' | 'putAssetSnapshot'> {
  const byCustomer = new Map<string, Map<string, { version: number; json: string }>>();
  return {
    putAssetSnapshot: (customerId, assetId, entry, version) =>
      new Promise((resolve) => {
        if (!Number.isSafeInteger(version)) {
          throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
        }
        if (assetId === '') throw new StoreError('INVALID_ARGUMENT', 'asset id must not be empty');
        checkSnapshotOwner(customerId, assetId, entry);
        const assets = byCustomer.get(customerId) ?? new Map<string, { version: number; json: string }>();
        const stored = assets.get(assetId);
        if (stored !== undefined && stored.version > version) return resolve(false);
        // Stored as JSON, as Redis keeps it: a caller mutating its object later cannot change the store.
        assets.set(assetId, { version, json: JSON.stringify(entry) });
        byCustomer.set(customerId, assets);
        resolve(true);
      }),
    getAssetSnapshot(customerId, assetId) {
      const stored = byCustomer.get(customerId)?.get(assetId);
      return Promise.resolve(stored === undefined ? null : parseSnapshotEntry(stored.json));
    },
  };
}
