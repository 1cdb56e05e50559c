import type { AdvisoryPublished } from '@trustwatch/schemas';

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

/** The embedded catalog: in process memory, lost on restart. */
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
