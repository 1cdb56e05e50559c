import { checkObservedVersion, planObservedAsset, refusedObservation } from '../fleet/observed-asset.js';
import type { Asset, ObservedAssetChange } from '../port.js';
import type { CustomerState } from './customer-state.js';

/**
 * The memory adapter's `upsertObservedAsset`: the same checks and writes as
 * `upsertObservedAsset-4.lua` on one customer's state (the vendor index is the caller's).
 */
export function upsertObservedInMemory(
  s: CustomerState,
  customerId: string,
  observed: Asset,
  version: number,
): ObservedAssetChange {
  checkObservedVersion(version);
  const stored = s.assets.get(observed.id) ?? null;
  const last = s.observed.get(observed.id);
  if (last !== undefined && last > version) return refusedObservation(customerId);
  // An asset the fleet does not list, seen before the last import, is one the operator no longer lists.
  if (stored === null && s.fleetVersion !== null && s.fleetVersion > version) {
    return refusedObservation(customerId);
  }
  const write = planObservedAsset(customerId, stored, s.vendors, observed);
  for (const field of write.removedFields) {
    const ids = (s.components.get(field) ?? []).filter((id) => id !== observed.id);
    if (ids.length === 0) s.components.delete(field);
    else s.components.set(field, ids);
  }
  for (const field of write.addedFields) {
    const ids = s.components.get(field) ?? [];
    if (!ids.includes(observed.id)) s.components.set(field, [...ids, observed.id]);
  }
  s.assets.set(observed.id, write.json);
  s.vendors = { ...write.vendors };
  s.observed.set(observed.id, version);
  return write.change;
}

/**
 * forgetObserved-3.lua on one customer's state: drops the last-observation time of each removed asset
 * that is unlisted and not newer than the import version, where the import version refuses whatever
 * the entry would.
 */
export function forgetObserved(s: CustomerState, removed: readonly string[]): void {
  if (s.fleetVersion === null) return;
  for (const id of removed) {
    const last = s.observed.get(id);
    if (last !== undefined && last <= s.fleetVersion && !s.assets.has(id)) s.observed.delete(id);
  }
}
