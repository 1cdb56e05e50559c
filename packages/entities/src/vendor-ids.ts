import type { EntityCatalog } from './create-catalog.js';
import { loadEntityCatalog } from './load-catalog.js';

/** A vendor as a fleet or a collector names it, turned into the id the rest of the pipeline uses. */
export type VendorIdOf = (name: string) => string;

// Collectors report the same few manufacturer strings over and over; resolving tokenises the name.
const MEMO_LIMIT = 4096;

/**
 * Resolves vendor names to catalog ids: `Supermicro`, `Super Micro Computer, Inc.` and
 * `vendor:supermicro` all become `vendor:supermicro`, the id news claims, advisories and supplier links
 * name. A fleet or snapshot filed under the free text would never be found by them. A name the catalog
 * does not know as a vendor (or knows only as a product or supplier) is kept as written: it still
 * counts in the fleet's shares, and a later catalog entry can claim it.
 */
export function vendorIdResolver(catalog: EntityCatalog): VendorIdOf {
  const memo = new Map<string, string>();
  return (name) => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const entity = catalog.get(name) ?? catalog.resolve(name);
    const id = entity?.kind === 'vendor' ? entity.id : name;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(name, id);
    return id;
  };
}

let shipped: VendorIdOf | undefined;

/**
 * The resolver over the shipped catalog, read on first use and shared by the process: the default of
 * every service that files or looks up vendors, so they all agree unless one is given another catalog.
 */
export function shippedVendorIds(): VendorIdOf {
  shipped ??= vendorIdResolver(loadEntityCatalog());
  return shipped;
}
