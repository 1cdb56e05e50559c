import { StoreError } from '../errors.js';
import { componentField } from '../keys.js';
import type { Asset, ObservedAssetChange } from '../port.js';
import { assetJson } from './fleet-index.js';

/** Everything one observation writes, computed from what the fleet held when it was read. */
export interface ObservedAssetWrite {
  readonly json: string;
  /** Component fields that listed the stored asset and no longer list it. */
  readonly removedFields: readonly string[];
  /** Component fields that list the new asset and did not list the stored one. */
  readonly addedFields: readonly string[];
  /** Vendor counts after the write (a new asset adds one to its vendor). */
  readonly vendors: Readonly<Record<string, number>>;
  readonly change: ObservedAssetChange;
}

function fieldsOf(asset: Asset): Set<string> {
  return new Set(asset.components.map((c) => componentField(asset.vendor, asset.model, c.id, c.version)));
}

/** The answer for an observation refused as older: nothing changed. */
export function refusedObservation(customerId: string): ObservedAssetChange {
  return {
    customerId,
    added: [],
    removed: [],
    changed: [],
    vendorsAffected: [],
    applied: false,
    asset: null,
  };
}

/** Rejects a version Lua would compare wrongly (doubles past 2^53) or not at all. */
export function checkObservedVersion(version: number): void {
  if (!Number.isSafeInteger(version))
    throw new StoreError('INVALID_ARGUMENT', 'version must be a safe integer');
}

/**
 * Plans the write of one observed asset. A known asset keeps the fleet's vendor and model: the import
 * is the operator's statement of what the board is; the observation only knows its firmware.
 */
export function planObservedAsset(
  customerId: string,
  storedJson: string | null,
  storedVendors: Readonly<Record<string, number>>,
  observed: Asset,
): ObservedAssetWrite {
  const stored = storedJson === null ? null : (JSON.parse(storedJson) as Asset);
  const asset: Asset = {
    id: observed.id,
    vendor: stored?.vendor ?? observed.vendor,
    model: stored?.model ?? observed.model,
    components: observed.components,
  };
  const json = assetJson(asset);
  const before = stored === null ? new Set<string>() : fieldsOf(stored);
  const after = fieldsOf(asset);
  const vendors =
    stored === null
      ? { ...storedVendors, [asset.vendor]: (storedVendors[asset.vendor] ?? 0) + 1 }
      : storedVendors;
  const moved = stored === null || storedJson !== json;
  return {
    json,
    removedFields: [...before].filter((f) => !after.has(f)),
    addedFields: [...after].filter((f) => !before.has(f)),
    vendors,
    change: {
      customerId,
      added: stored === null ? [asset.id] : [],
      removed: [],
      changed: stored !== null && moved ? [asset.id] : [],
      vendorsAffected: moved ? [asset.vendor] : [],
      applied: true,
      asset: JSON.parse(json) as Asset,
    },
  };
}
