import type { FiledAdvisory, TrustStore } from '@trustwatch/store';

/**
 * The advisories the engine has seen, by vendor: an upgrade observed later is checked against their
 * affected ranges to resolve (or open) `advisory_exposure` factors.
 */
export interface AdvisoryCatalog {
  /**
   * Stores or replaces an advisory (same `advisoryId`: the latest revision wins), with the event that
   * carried it: whichever of the advisory and an observation is handled second opens the factor, and
   * its evidence is the advisory's event either way.
   */
  put(filed: FiledAdvisory): Promise<void>;
  /** Every advisory naming the vendor in one of its affected products. */
  forVendor(vendorId: string): Promise<FiledAdvisory[]>;
}

/** A catalog in process memory, lost on restart: for tests of the matching alone. */
export function createMemoryAdvisoryCatalog(): AdvisoryCatalog {
  const byId = new Map<string, FiledAdvisory>();
  return {
    put(filed) {
      byId.set(filed.advisory.advisoryId, filed);
      return Promise.resolve();
    },
    forVendor(vendorId) {
      const wanted = vendorId.toLowerCase();
      return Promise.resolve(
        [...byId.values()]
          .filter((f) => f.advisory.affected.some((p) => p.vendorId.toLowerCase() === wanted))
          .sort((a, b) => (a.advisory.advisoryId < b.advisory.advisoryId ? -1 : 1)),
      );
    },
  };
}

/**
 * The catalog kept in the trust store (the default): every engine instance, and an engine after a
 * restart, matches new assets and upgrades against advisories it did not consume itself.
 */
export function createStoreAdvisoryCatalog(
  store: Pick<TrustStore, 'putAdvisory' | 'advisoriesOfVendor'>,
): AdvisoryCatalog {
  return {
    put: (filed) => store.putAdvisory(filed),
    forVendor: (vendor) => store.advisoriesOfVendor(vendor),
  };
}
