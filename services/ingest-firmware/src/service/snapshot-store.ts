import type { FirmwareObserved } from '@trustwatch/schemas';
import { createMemoryTrustStore, type AssetSnapshotEntry, type TrustStore } from '@trustwatch/store';

/** An asset's last known inventory and the `firmware.observed` event that carried it. */
export type StoredSnapshot = AssetSnapshotEntry;

/**
 * Last known inventory per asset: what the change detector diffs a new snapshot against. The trust
 * store's fleet keeps only versions and hashes (no slots, SoftwareIds or lowest supported versions),
 * which is not enough to classify a change, so the whole snapshot is kept beside it.
 */
export interface AssetSnapshots {
  get(customerId: string, assetId: string): Promise<StoredSnapshot | undefined>;
  /** Stores the snapshot unless a newer one (by `observedAt`) is already stored; returns whether it did. */
  put(entry: StoredSnapshot): Promise<boolean>;
}

/**
 * Asset snapshots kept in the trust store (`putAssetSnapshot` / `getAssetSnapshot`), versioned by
 * `observedAt`: with the Redis store a restarted ingest still holds every asset's baseline, so a change
 * made while it was down is reported on its first read, not swallowed as a new baseline.
 */
export function createStoreAssetSnapshots(store: TrustStore): AssetSnapshots {
  return {
    async get(customerId, assetId) {
      return (await store.getAssetSnapshot(customerId, assetId)) ?? undefined;
    },
    put: (entry) =>
      store.putAssetSnapshot(
        entry.snapshot.customerId,
        entry.snapshot.assetId,
        entry,
        Date.parse(entry.snapshot.observedAt),
      ),
  };
}

/** Asset snapshots in a private memory store, for tools and tests that run without a shared one. */
export function createMemoryAssetSnapshots(): AssetSnapshots {
  return createStoreAssetSnapshots(createMemoryTrustStore());
}

/** Whether `a` was observed strictly before `b`. */
export function isOlder(a: FirmwareObserved, b: FirmwareObserved): boolean {
  return Date.parse(a.observedAt) < Date.parse(b.observedAt);
}
