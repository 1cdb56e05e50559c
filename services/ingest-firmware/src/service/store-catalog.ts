import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { shippedVendorIds, type VendorIdOf } from '@trustwatch/entities';
import { hashSchema, type FirmwareObserved } from '@trustwatch/schemas';
import { ANY_MODEL, type PublishedFirmware, type TrustStore } from '@trustwatch/store';
import {
  createCatalogLookup,
  type Catalog,
  type CatalogEntry,
  type CatalogLookup,
} from '../detect/catalog.js';
import { parseCatalogCsv, parseCatalogJson } from '../detect/catalog-file.js';
import { IngestFirmwareError } from '../errors.js';

/**
 * The known-good catalog lives in the trust store (`publishFirmware` / `publishedFirmware`), keyed by
 * vendor, model, component, version and SoftwareId. An entry without a model is stored under the
 * store's `ANY_MODEL`, which the store returns for every model; an entry narrowed to one component id
 * is stored under component `<kind>/<componentId>`. Model and component id are case-folded, as the
 * lookup compares them; the vendor is keyed by {@link VendorKey}.
 */
export { ANY_MODEL };

const fold = (text: string): string => text.trim().toLowerCase();

/**
 * How a vendor is keyed in the stored catalog and looked up for a snapshot. A catalog file and a BMC
 * rarely spell a vendor alike ("Dell Inc." and "Dell", "Supermicro" and "Super Micro Computer, Inc."):
 * names the entity catalog knows as a vendor are keyed by its id, others case-folded.
 */
export type VendorKey = (name: string) => string;

export function vendorKeyOf(vendorIdOf: VendorIdOf): VendorKey {
  return (name) => fold(vendorIdOf(name.trim()));
}

/** The key over the shipped entity catalog, the default of every function here. */
export function shippedVendorKey(): VendorKey {
  return vendorKeyOf(shippedVendorIds());
}
const componentKey = (kind: string, componentId: string | undefined): string =>
  componentId === undefined ? kind : `${kind}/${fold(componentId)}`;

/** A catalog entry as the store keeps it (its `source` link is not kept). */
export function toPublished(
  entry: CatalogEntry,
  vendorKey: VendorKey = shippedVendorKey(),
): PublishedFirmware {
  return {
    vendor: vendorKey(entry.vendor),
    model: entry.model === undefined ? ANY_MODEL : fold(entry.model),
    component: componentKey(entry.component, entry.componentId),
    version: entry.version,
    ...(entry.softwareId === undefined ? {} : { softwareId: entry.softwareId }),
    hashes: entry.hash === undefined ? [] : [`${entry.hash.algorithm}:${entry.hash.value.toLowerCase()}`],
  };
}

/** A stored build back as catalog entries (one per hash, since an entry carries at most one). */
export function fromPublished(published: PublishedFirmware, kind: CatalogEntry['component']): CatalogEntry[] {
  const slash = published.component.indexOf('/');
  const base = {
    vendor: published.vendor,
    ...(published.model === ANY_MODEL ? {} : { model: published.model }),
    component: kind,
    ...(slash < 0 ? {} : { componentId: published.component.slice(slash + 1) }),
    version: published.version,
    ...(published.softwareId === undefined ? {} : { softwareId: published.softwareId }),
  };
  const hashes = published.hashes.flatMap((text) => {
    const [algorithm, value] = text.split(':');
    const hash = hashSchema.safeParse({ algorithm, value });
    return hash.success ? [hash.data] : [];
  });
  return hashes.length === 0 ? [base] : hashes.map((hash) => ({ ...base, hash }));
}

/** Reads a catalog file (`.csv` as CSV, anything else as JSON) and stores every entry; returns the count. */
export async function importCatalogFile(
  store: TrustStore,
  file: string,
  vendorKey: VendorKey = shippedVendorKey(),
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new IngestFirmwareError('CATALOG_INVALID', `cannot read catalog file ${file}`, { cause: error });
  }
  const catalog = extname(file).toLowerCase() === '.csv' ? parseCatalogCsv(text) : parseCatalogJson(text);
  return importCatalog(store, catalog, vendorKey);
}

/**
 * Stores every entry of a parsed catalog; returns the count of entries read. Entries naming the same
 * build (one line per published hash) are merged first, since storing a build replaces it.
 */
export async function importCatalog(
  store: TrustStore,
  catalog: Catalog,
  vendorKey: VendorKey = shippedVendorKey(),
): Promise<number> {
  const builds = new Map<string, PublishedFirmware>();
  for (const entry of catalog.entries) {
    const published = toPublished(entry, vendorKey);
    const { vendor, model, component, version, softwareId } = published;
    const key = JSON.stringify([vendor, model, component, version, softwareId ?? null]);
    const known = builds.get(key);
    const hashes = [...new Set([...(known?.hashes ?? []), ...published.hashes])];
    builds.set(key, { ...published, hashes });
  }
  for (const build of builds.values()) await store.publishFirmware(build);
  return catalog.entries.length;
}

/**
 * A lookup for one snapshot over the stored catalog: fetches every entry that could cover one of its
 * components (the kind, or the kind narrowed to the component id; the store adds any-model builds).
 */
export async function catalogLookupFor(
  store: TrustStore,
  snapshot: FirmwareObserved,
  vendorKey: VendorKey = shippedVendorKey(),
): Promise<CatalogLookup> {
  const vendor = vendorKey(snapshot.vendor);
  const model = fold(snapshot.model);
  const queries = new Map<string, CatalogEntry['component']>();
  for (const component of snapshot.components) {
    queries.set(componentKey(component.kind, undefined), component.kind);
    queries.set(componentKey(component.kind, component.id), component.kind);
  }
  const found = await Promise.all(
    [...queries].map(async ([component, kind]) =>
      (await store.publishedFirmware(vendor, model, component)).flatMap((p) => fromPublished(p, kind)),
    ),
  );
  return createCatalogLookup({ entries: found.flat() }, vendorKey);
}
