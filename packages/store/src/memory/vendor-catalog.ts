import { sharedFactorSchema, type SharedFactor } from '@trustwatch/schemas';
import { StoreError } from '../errors.js';
import { filedAdvisorySchema, storedAdvisorySchema } from '../filed-advisory.js';
import type { FiledAdvisory, TrustStore } from '../port.js';
import { advisoryVendorKeys, attributedTo } from '../vendor-keys.js';
import { readStored, type StoredJson } from './stored-json.js';

/** The memory adapter's vendor indexes: shared factors and advisories by vendor, as the Redis keys hold them. */
export interface MemoryVendorCatalog extends Pick<
  TrustStore,
  'sharedFactorsOfVendor' | 'putAdvisory' | 'advisoriesOfVendor'
> {
  /** Files a shared factor under its vendor; called wherever the store stores one. */
  indexShared(factor: SharedFactor): void;
  /** Entries of every vendor's index (for tests of the pruning). */
  indexedFactors(): number;
}

/** Builds the indexes over the adapter's own shared-factor map (JSON by id). */
export function memoryVendorCatalog(
  sharedFactors: ReadonlyMap<string, StoredJson<SharedFactor>>,
): MemoryVendorCatalog {
  const factorsByVendor = new Map<string, Set<string>>();
  // One stored entry per advisory revision, filed under each of its vendor keys: parsed on the first
  // read of any of them, and dropped (with its parsed form) when a revision replaces it.
  const advisoriesByVendor = new Map<string, Map<string, StoredJson<FiledAdvisory>>>();
  const filedUnder = new Map<string, readonly string[]>();
  return {
    indexShared(factor) {
      if (factor.scope.level !== 'entity') return;
      const ids = factorsByVendor.get(factor.scope.vendorId) ?? new Set<string>();
      ids.add(factor.id);
      factorsByVendor.set(factor.scope.vendorId, ids);
    },
    sharedFactorsOfVendor(vendorId) {
      const ids = factorsByVendor.get(vendorId) ?? new Set<string>();
      const out: SharedFactor[] = [];
      for (const id of [...ids].sort()) {
        const stored = sharedFactors.get(id);
        const factor = stored === undefined ? null : readStored(stored, sharedFactorSchema);
        // The same rule as the Redis index: an entry whose factor is gone or moved to another vendor
        // goes (single-threaded here, so no put can re-file it in between).
        if (factor !== null && attributedTo(factor, vendorId)) out.push(factor);
        else ids.delete(id);
      }
      if (ids.size === 0) factorsByVendor.delete(vendorId);
      return Promise.resolve(out);
    },
    indexedFactors: () => [...factorsByVendor.values()].reduce((n, ids) => n + ids.size, 0),
    putAdvisory: (filed) =>
      new Promise((resolve) => {
        const result = filedAdvisorySchema.safeParse(filed);
        if (!result.success)
          throw new StoreError('INVALID_ARGUMENT', 'not a valid advisory', { cause: result.error });
        const { advisory } = result.data;
        const vendorKeys = advisoryVendorKeys(advisory);
        const entry: StoredJson<FiledAdvisory> = { json: JSON.stringify(result.data) };
        for (const key of filedUnder.get(advisory.advisoryId) ?? []) {
          advisoriesByVendor.get(key)?.delete(advisory.advisoryId);
        }
        for (const key of vendorKeys) {
          const map = advisoriesByVendor.get(key) ?? new Map<string, StoredJson<FiledAdvisory>>();
          map.set(advisory.advisoryId, entry);
          advisoriesByVendor.set(key, map);
        }
        filedUnder.set(advisory.advisoryId, vendorKeys);
        resolve();
      }),
    advisoriesOfVendor: (vendor) =>
      Promise.resolve(
        [...(advisoriesByVendor.get(vendor.toLowerCase()) ?? [])]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([, entry]) => readStored(entry, storedAdvisorySchema)),
      ),
  };
}
