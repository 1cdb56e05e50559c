import { componentField } from '../keys.js';
import type { Asset, FleetChange } from '../port.js';

/** Asset counts per vendor: the basis of each vendor's share of a customer's fleet. */
export function vendorCounts(assets: readonly Asset[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const asset of assets) counts[asset.vendor] = (counts[asset.vendor] ?? 0) + 1;
  return counts;
}

/** The product/component/version -> asset ids index of one fleet. */
export function componentIndex(assets: readonly Asset[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const asset of assets) {
    for (const component of asset.components) {
      const field = componentField(asset.vendor, asset.model, component.id, component.version);
      const ids = index.get(field) ?? [];
      if (!ids.includes(asset.id)) ids.push(asset.id);
      index.set(field, ids);
    }
  }
  return index;
}

/** Rejects two assets with one id: the second would silently replace the first. */
export function assertUniqueIds(assets: readonly Asset[]): string | null {
  const seen = new Set<string>();
  for (const asset of assets) {
    if (seen.has(asset.id)) return asset.id;
    seen.add(asset.id);
  }
  return null;
}

/** Canonical JSON of an asset (components sorted) so an unchanged asset compares equal. */
export function assetJson(asset: Asset): string {
  const components = [...asset.components]
    .map((c) => ({ id: c.id, kind: c.kind, version: c.version, hashes: [...c.hashes].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify({ id: asset.id, vendor: asset.vendor, model: asset.model, components });
}

/** What changed between the stored fleet and the imported one. */
export function diffFleets(
  customerId: string,
  previous: ReadonlyMap<string, string>,
  previousVendors: Readonly<Record<string, number>>,
  next: readonly Asset[],
): FleetChange {
  const added: string[] = [];
  const changed: string[] = [];
  const nextIds = new Set<string>();
  for (const asset of next) {
    nextIds.add(asset.id);
    const before = previous.get(asset.id);
    if (before === undefined) added.push(asset.id);
    else if (before !== assetJson(asset)) changed.push(asset.id);
  }
  const removed = [...previous.keys()].filter((id) => !nextIds.has(id));
  const nextVendors = vendorCounts(next);
  const vendors = new Set([...Object.keys(previousVendors), ...Object.keys(nextVendors)]);
  const vendorsAffected = [...vendors].filter((v) => previousVendors[v] !== nextVendors[v]);
  // A changed asset moves its vendor's factors even when the vendor's count stays the same.
  const byId = new Map(next.map((a) => [a.id, a.vendor]));
  for (const id of changed) {
    const vendor = byId.get(id);
    if (vendor !== undefined && !vendorsAffected.includes(vendor)) vendorsAffected.push(vendor);
  }
  const sorted = (ids: string[]): string[] => ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    customerId,
    added: sorted(added),
    removed: sorted(removed),
    changed: sorted(changed),
    vendorsAffected: sorted(vendorsAffected),
    applied: true,
  };
}

/** Each vendor's share of the fleet, 0..1. */
export function vendorShares(counts: Readonly<Record<string, number>>): Map<string, number> {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return new Map(Object.entries(counts).map(([vendor, n]) => [vendor, total === 0 ? 0 : n / total]));
}
