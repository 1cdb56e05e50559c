import type { AdvisoryPublished } from '@trustwatch/schemas';
import type { TrustStore } from '@trustwatch/store';

/**
 * The advisories the engine has seen, by vendor: an upgrade observed later is checked against their
 * affected ranges to resolve (or open) `advisory_exposure` factors.
 */
export interface AdvisoryCatalog {
  /** Stores or replaces an advisory (same `advisoryId`: the latest revision wins). */
  put(advisory: AdvisoryPublished): Promise<void>;
  /** Every advisory naming the vendor in one of its affected products. */
  forVendor(vendorId: string): Promise<AdvisoryPublished[]>;
}

/** A catalog in process memory, lost on restart: for tests of the matching alone. */
export function createMemoryAdvisoryCatalog(): AdvisoryCatalog {
  const byId = new Map<string, AdvisoryPublished>();
  return {
    put(advisory) {
      byId.set(advisory.advisoryId, advisory);
      return Promise.resolve();
    },
    forVendor(vendorId) {
      const wanted = vendorId.toLowerCase();
      return Promise.resolve(
        [...byId.values()]
          .filter((a) => a.affected.some((p) => p.vendorId.toLowerCase() === wanted))
          .sort((a, b) => (a.advisoryId < b.advisoryId ? -1 : 1)),
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
    put: (advisory) => store.putAdvisory(advisory),
    forVendor: (vendor) => store.advisoriesOfVendor(vendor),
  };
}
