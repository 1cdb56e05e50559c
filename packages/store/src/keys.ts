/**
 * The only place Redis key strings are built. Every key of one customer carries the hash tag
 * `{<customerId>}`, so a script touching several of them stays in one Redis Cluster slot. Global
 * lookups (vendor -> customers, supplier -> vendors, shared factors, catalog, progress) carry their own
 * tag. Ids are URI-encoded so a `{`, `}` or `:` inside an id can neither break the tag nor collide.
 */
export interface CustomerKeys {
  /** Hash: factorId -> customer-owned Factor JSON. */
  readonly factors: string;
  /** Hash: factorId (customer) or `s:<factorId>` (shared binding) -> version (event time, ms). */
  readonly versions: string;
  /** Hash: shared factorId -> this customer's FactorExposure JSON. */
  readonly shared: string;
  /** Hash: `json` (ScoreSummary) and `at` (ms). */
  readonly summary: string;
  /** Sorted set: score = summary time (ms), member = ScoreSummary JSON. */
  readonly history: string;
  /** Stream: trust changes, field `e` = TrustChanged JSON. */
  readonly feed: string;
  /** Hash: `<topic>/<partition>` -> last offset applied to this customer. */
  readonly progress: string;
  /** Hash: assetId -> Asset JSON. */
  readonly assets: string;
  /** Hash: component key (see componentField) -> JSON array of asset ids. */
  readonly components: string;
  /** Hash: fleet `version` (ms) and `vendors` (JSON vendor -> asset count). */
  readonly fleetMeta: string;
  /**
   * Hash: assetId -> `<version>:<entry JSON>`, the asset's last firmware inventory (AssetSnapshotEntry)
   * behind its version (observedAt, integer ms), so the script compares versions without decoding JSON.
   */
  readonly snapshots: string;
  /**
   * Hash: assetId -> observedAt (integer ms) of the last `firmware.observed` written into the fleet, so
   * an older observation of that asset is refused while observations of other assets never are.
   */
  readonly observed: string;
  /** String with TTL: the applied-event marker for one event id. */
  dedupe(eventId: string): string;
  /** Staging and previous-fleet keys of one import (`token` unique per import). */
  fleetImport(token: string): FleetImportKeys;
}

export interface FleetImportKeys {
  readonly stagedAssets: string;
  readonly stagedComponents: string;
  readonly previousAssets: string;
  readonly previousComponents: string;
}

export interface StoreKeys {
  customer(customerId: string): CustomerKeys;
  /** Sorted set: customerId -> share of that customer's fleet made by the vendor. */
  vendorCustomers(vendorId: string): string;
  /** Hash: `<vendorId>|<category>` -> link JSON. */
  supplierVendors(supplierId: string): string;
  /**
   * Sorted set: ids of the shared factors filed under a vendor (bound to a customer whose fleet gains
   * it) -> the factor version filed at (ms). Entries whose factor is gone or now attributed elsewhere
   * are dropped by the read that finds them (pruneVendorFactors-1.lua).
   */
  vendorFactors(vendorId: string): string;
  /**
   * Hash: advisoryId -> `{eventId, advisory}` JSON (FiledAdvisory), under each lower-cased vendor id and
   * name it names. Records from before the event id was kept hold the AdvisoryPublished JSON alone.
   */
  vendorAdvisories(vendorKey: string): string;
  /** A counter raised by every write to the vendor's advisories: readers cache them by its value. */
  vendorAdvisoriesVersion(vendorKey: string): string;
  /** String: JSON list of the vendor keys an advisory is filed under (to unfile them on a revision). */
  advisoryVendors(advisoryId: string): string;
  /** Hash with TTL: answerId -> payload, answers to a story whose claim is not stored yet. */
  pendingAnswers(storyId: string): string;
  /** Hash: `json` and `v` (version, ms) of one shared factor. */
  sharedFactor(factorId: string): string;
  /** Hash: catalogField -> published firmware JSON. */
  catalog(vendorId: string): string;
  /** Hash: partition -> next offset to consume, for one topic. */
  topicProgress(topic: string): string;
  /**
   * Sorted set, every score 0 so members sort by their bytes: the ids of customers with a fleet or a
   * summary, for listCustomers without SCAN. Its own hash tag: it spans customers, so it is written next
   * to (never inside) the per-customer scripts.
   */
  readonly customerIndex: string;
}

const enc = encodeURIComponent;

/**
 * Builds the key set under `prefix` (e.g. `tw` in production, a unique one per test). An empty prefix
 * (the config default) means none; a trailing `:` is dropped, so `tw` and `tw:` give the same keys.
 */
export function createKeys(prefix: string): StoreKeys {
  if (!/^[A-Za-z0-9_.:-]{0,64}$/.test(prefix)) {
    throw new RangeError('key prefix must be 0-64 chars of [A-Za-z0-9_.:-] (no braces: they are hash tags)');
  }
  const head = prefix.replace(/:+$/, '');
  const at = (rest: string): string => (head === '' ? rest : `${head}:${rest}`);
  return {
    customer(customerId) {
      const base = at(`c:{${enc(customerId)}}`);
      return {
        factors: `${base}:factors`,
        versions: `${base}:versions`,
        shared: `${base}:shared`,
        summary: `${base}:summary`,
        history: `${base}:history`,
        feed: `${base}:feed`,
        progress: `${base}:progress`,
        assets: `${base}:assets`,
        components: `${base}:components`,
        fleetMeta: `${base}:fleet`,
        snapshots: `${base}:snapshots`,
        observed: `${base}:observed`,
        dedupe: (eventId) => `${base}:dedupe:${enc(eventId)}`,
        fleetImport: (token) => ({
          stagedAssets: `${base}:import:${enc(token)}:assets`,
          stagedComponents: `${base}:import:${enc(token)}:components`,
          previousAssets: `${base}:import:${enc(token)}:previous-assets`,
          previousComponents: `${base}:import:${enc(token)}:previous-components`,
        }),
      };
    },
    vendorCustomers: (vendorId) => at(`v:{${enc(vendorId)}}:customers`),
    supplierVendors: (supplierId) => at(`s:{${enc(supplierId)}}:vendors`),
    vendorFactors: (vendorId) => at(`v:{${enc(vendorId)}}:sharedFactors`),
    vendorAdvisories: (vendorKey) => at(`v:{${enc(vendorKey)}}:advisories`),
    vendorAdvisoriesVersion: (vendorKey) => at(`v:{${enc(vendorKey)}}:advisories:version`),
    advisoryVendors: (advisoryId) => at(`adv:{${enc(advisoryId)}}:vendors`),
    pendingAnswers: (storyId) => at(`pa:{${enc(storyId)}}:answers`),
    sharedFactor: (factorId) => at(`f:{${enc(factorId)}}`),
    catalog: (vendorId) => at(`catalog:{${enc(vendorId)}}`),
    topicProgress: (topic) => at(`progress:{${enc(topic)}}`),
    customerIndex: at('customers:{index}'),
  };
}

/** Field of the per-customer component index: one product/component/version triple. */
export function componentField(vendor: string, model: string, component: string, version: string): string {
  return [vendor, model, component, version].map(enc).join('|');
}

/** Reads a component field back into its four parts (null when it is not one). */
export function parseComponentField(
  field: string,
): { vendor: string; model: string; component: string; version: string } | null {
  const parts = field.split('|').map(decodeURIComponent);
  const [vendor, model, component, version] = parts;
  if (parts.length !== 4 || vendor === undefined || model === undefined) return null;
  if (component === undefined || version === undefined) return null;
  return { vendor, model, component, version };
}

/**
 * Field of a catalog entry within one vendor's catalog hash: `<model>|<component>|<version>`, plus
 * `|<softwareId>` when the build has one, so builds of one version with different SoftwareIds coexist.
 */
export function catalogField(model: string, component: string, version: string, softwareId?: string): string {
  const parts =
    softwareId === undefined ? [model, component, version] : [model, component, version, softwareId];
  return parts.map(enc).join('|');
}
