/**
 * Values cached by key under the version they were read at: a read that finds the same version stored
 * in Redis reuses the value instead of fetching it again. Bounded: past `maxKeys` the oldest entry goes.
 */
export interface VersionedCache<T> {
  /** The value cached for `key` if it was read at exactly `version`. */
  get(key: string, version: unknown): T | undefined;
  set(key: string, version: unknown, value: T): void;
}

export function createVersionedCache<T>(maxKeys: number): VersionedCache<T> {
  const entries = new Map<string, { readonly version: unknown; readonly value: T }>();
  return {
    get(key, version) {
      const entry = entries.get(key);
      return entry !== undefined && entry.version === version ? entry.value : undefined;
    },
    set(key, version, value) {
      entries.delete(key);
      entries.set(key, { version, value });
      if (entries.size > maxKeys) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
  };
}
