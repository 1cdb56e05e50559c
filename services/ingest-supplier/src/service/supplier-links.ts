import type { SupplierLink, TrustStore } from '@trustwatch/store';
import type { FactSnapshot } from '../facts.js';

/** What a link sync did, for logs and metrics. */
export interface LinkSync {
  readonly linked: number;
  readonly unlinked: number;
}

/** One link per (supplier, vendor, category), whatever the countries: the store links organisations. */
export function linksOf(snapshot: FactSnapshot | undefined): Map<string, SupplierLink> {
  const links = new Map<string, SupplierLink>();
  for (const fact of snapshot?.facts ?? []) {
    const link = { supplierId: fact.supplierId, vendorId: fact.vendorId, category: fact.componentCategory };
    links.set(JSON.stringify([link.supplierId, link.vendorId, link.category]), link);
  }
  return links;
}

/**
 * Makes the store's supplier -> vendor links match `current`: every link it holds is (re)written, which
 * is idempotent and repairs a sync cut short earlier; links only `previous` held are removed. A supplier
 * that leaves one country but stays in another keeps its link, which is why this works on snapshots
 * rather than on the `removed` events.
 */
export async function syncSupplierLinks(
  store: TrustStore,
  previous: FactSnapshot | undefined,
  current: FactSnapshot,
): Promise<LinkSync> {
  const now = linksOf(current);
  const gone = [...linksOf(previous)].filter(([key]) => !now.has(key)).map(([, link]) => link);
  for (const link of now.values()) await store.linkSupplier(link, true);
  for (const link of gone) await store.linkSupplier(link, false);
  return { linked: now.size, unlinked: gone.length };
}
