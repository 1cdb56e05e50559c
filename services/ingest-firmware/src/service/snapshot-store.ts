import type { FirmwareObserved } from '@trustwatch/schemas';

/** An asset's last known inventory and the `firmware.observed` event that carried it. */
export interface StoredSnapshot {
  readonly snapshot: FirmwareObserved;
  readonly snapshotId: string;
}

/**
 * Last known inventory per asset: what the change detector diffs a new snapshot against. The trust
 * store's fleet keeps only versions and hashes (no slots, SoftwareIds or lowest supported versions),
 * which is not enough to classify a change, so this is its own small port.
 */
export interface AssetSnapshots {
  get(customerId: string, assetId: string): Promise<StoredSnapshot | undefined>;
  /** Stores the snapshot unless a newer one (by `observedAt`) is already stored; returns whether it did. */
  put(entry: StoredSnapshot): Promise<boolean>;
}

/** The in-process adapter: the embedded default, and the production one until the store offers this. */
export function createMemoryAssetSnapshots(): AssetSnapshots {
  const byAsset = new Map<string, StoredSnapshot>();
  // Length-prefixed so ("a:b", "c") and ("a", "b:c") stay apart.
  const key = (customerId: string, assetId: string): string =>
    `${customerId.length}:${customerId}:${assetId}`;
  return {
    get: (customerId, assetId) => Promise.resolve(byAsset.get(key(customerId, assetId))),
    put(entry) {
      const k = key(entry.snapshot.customerId, entry.snapshot.assetId);
      const stored = byAsset.get(k);
      if (stored !== undefined && isOlder(entry.snapshot, stored.snapshot)) return Promise.resolve(false);
      byAsset.set(k, structuredClone(entry));
      return Promise.resolve(true);
    },
  };
}

/** Whether `a` was observed strictly before `b`. */
export function isOlder(a: FirmwareObserved, b: FirmwareObserved): boolean {
  return Date.parse(a.observedAt) < Date.parse(b.observedAt);
}
