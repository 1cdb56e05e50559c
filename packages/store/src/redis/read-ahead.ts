import type { CustomerSnapshot } from '../port.js';

/**
 * Customer snapshots read ahead of a fan-out. Looking a vendor's customers up for a news item
 * (`customersOfVendor` with `readAhead`), the store also reads, in the same round trip, the customers
 * that lookup returned last time; reading the asset a firmware change is about to score it on the
 * customer (`assetInFleet` with `readAhead`), it also reads that customer. The fan-out that follows takes them
 * instead of reading its first chunk, which saves that chunk's round trip. A snapshot read ahead is as good as one the fan-out reads:
 * the apply is conditional on the revision it carries, so a customer changed since comes back
 * `conflict` and is read again. Each is taken at most once, and only for `maxAgeMs` after its read.
 */
export interface ReadAhead {
  /** The customers the last lookup of `vendorId` returned, at most `limit` of them. */
  customersOf(vendorId: string, limit: number): readonly string[];
  /** Records what a lookup of `vendorId` returned. */
  rememberVendor(vendorId: string, customerIds: readonly string[]): void;
  /** Keeps snapshots just read for a fan-out to take. */
  put(snapshots: readonly CustomerSnapshot[]): void;
  /**
   * The snapshots of all of `customerIds` when every one was read ahead within `maxAgeMs`, removed from
   * the store; otherwise `undefined` (a partial set would not save the chunk's round trip).
   */
  take(customerIds: readonly string[]): CustomerSnapshot[] | undefined;
  /** Drops what is kept for these customers: a fan-out is about to change them. */
  discard(customerIds: readonly string[]): void;
}

export interface ReadAheadLimits {
  /** Vendors whose last lookup is remembered (least recently looked up go first). */
  readonly maxVendors: number;
  /** Snapshots kept at once (oldest go first). */
  readonly maxSnapshots: number;
  /** How long a snapshot may wait for its fan-out. */
  readonly maxAgeMs: number;
}

export function createReadAhead(
  limits: ReadAheadLimits,
  now: () => number = performance.now.bind(performance),
): ReadAhead {
  const vendors = new Map<string, readonly string[]>();
  const kept = new Map<string, { readonly snapshot: CustomerSnapshot; readonly readAt: number }>();
  const dropStale = (at: number): void => {
    for (const [customerId, entry] of kept) {
      // Insertion order is read order: the first fresh entry ends the stale ones.
      if (at - entry.readAt <= limits.maxAgeMs && kept.size <= limits.maxSnapshots) break;
      kept.delete(customerId);
    }
  };
  return {
    customersOf: (vendorId, limit) => (vendors.get(vendorId) ?? []).slice(0, limit),
    rememberVendor(vendorId, customerIds) {
      vendors.delete(vendorId);
      vendors.set(vendorId, customerIds);
      while (vendors.size > limits.maxVendors) {
        const oldest = vendors.keys().next();
        if (oldest.done === true) break;
        vendors.delete(oldest.value);
      }
    },
    put(snapshots) {
      const at = now();
      for (const snapshot of snapshots) {
        kept.delete(snapshot.customerId);
        kept.set(snapshot.customerId, { snapshot, readAt: at });
      }
      dropStale(at);
    },
    take(customerIds) {
      if (customerIds.length === 0) return undefined;
      const at = now();
      dropStale(at);
      const snapshots: CustomerSnapshot[] = [];
      for (const customerId of customerIds) {
        const entry = kept.get(customerId);
        if (entry === undefined) return undefined;
        snapshots.push(entry.snapshot);
      }
      for (const customerId of customerIds) kept.delete(customerId);
      return snapshots;
    },
    discard(customerIds) {
      if (kept.size === 0) return;
      for (const customerId of customerIds) kept.delete(customerId);
    },
  };
}

/**
 * A few fan-outs' first chunks, for a moment: enough for the news items of one batch, which the engine
 * looks up and fans out one at a time.
 */
export function readAheadLimits(limits: { readonly chunkSize: number }): ReadAheadLimits {
  return { maxVendors: 1_024, maxSnapshots: 4 * limits.chunkSize, maxAgeMs: 5_000 };
}
