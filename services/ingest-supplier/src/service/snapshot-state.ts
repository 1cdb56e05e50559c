import type { BomSnapshot } from '../bom/parse-bom.js';
import type { RegistrySnapshot } from '../registry/parse-registry.js';

/** The last applied snapshot of one product's BOM or of one registry feed. */
export type StoredSnapshot =
  | { readonly kind: 'bom'; readonly snapshot: BomSnapshot }
  | { readonly kind: 'registry'; readonly snapshot: RegistrySnapshot };

/**
 * What successive runs diff against: the last applied snapshot per product (BOMs) or per feed
 * (registry), and which input files were already dealt with. The trust store has no place for this
 * (it keeps supplier links, not the facts behind them), so it is the service's own small port.
 */
export interface SupplierSnapshots {
  /**
   * The snapshot stored under the first of `keys` that has one. An adapter shared by several instances
   * (Redis) also claims the keys for this instance until `put`, and fails retriably while another
   * instance holds them, so the file waits for the next run instead of being diffed twice.
   */
  get(keys: readonly string[]): Promise<StoredSnapshot | undefined>;
  /** Stores `entry` under every one of `keys`, replacing what they held (and releases a claim). */
  put(keys: readonly string[], entry: StoredSnapshot): Promise<void>;
  /** Whether a file (see {@link fileKey}) was already applied or refused for good. */
  handled(fileKey: string): Promise<boolean>;
  markHandled(fileKey: string): Promise<void>;
}

/**
 * Keys of a BOM's product: its serial number, then its product bom-ref under its vendor, the two ways
 * `sameProduct` recognises a later version. Looked up in that order, stored under both.
 */
export function bomKeys(snapshot: BomSnapshot): string[] {
  return [
    ...(snapshot.serialNumber === undefined ? [] : [`bom:serial:${snapshot.serialNumber}`]),
    ...(snapshot.productRef === undefined ? [] : [`bom:ref:${snapshot.vendor.id}:${snapshot.productRef}`]),
  ];
}

/** The key of a registry feed (see {@link registryFeed}). */
export function registryKey(feed: string): string {
  return `registry:${feed}`;
}

/** The in-process adapter: the embedded default and the test double; forgets everything on exit. */
export function createMemorySupplierSnapshots(): SupplierSnapshots {
  const snapshots = new Map<string, StoredSnapshot>();
  const files = new Set<string>();
  return {
    get(keys) {
      const key = keys.find((candidate) => snapshots.has(candidate));
      const entry = key === undefined ? undefined : snapshots.get(key);
      // Copies in and out, as a real store would: callers cannot change what is stored by accident.
      return Promise.resolve(entry === undefined ? undefined : structuredClone(entry));
    },
    put(keys, entry) {
      for (const key of keys) snapshots.set(key, structuredClone(entry));
      return Promise.resolve();
    },
    handled: (key) => Promise.resolve(files.has(key)),
    markHandled(key) {
      files.add(key);
      return Promise.resolve();
    },
  };
}
