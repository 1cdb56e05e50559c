import { StoreError } from '../errors.js';
import { API_KEY_HASH, type ApiKeyRepository, type NewApiKey, type StoredApiKey } from './api-key-types.js';
import { checkKey } from './redis-api-keys.js';

const byCreation = (a: StoredApiKey, b: StoredApiKey) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The embedded API-key repository, with the Redis adapter's semantics; lost when the process exits. */
export function createMemoryApiKeys(): ApiKeyRepository {
  const byId = new Map<string, StoredApiKey>();
  const byHash = new Map<string, string>();
  return {
    // Checks throw inside then(), so a refused key is a rejected promise, as from the Redis adapter.
    put: (key: NewApiKey) =>
      Promise.resolve().then(() => {
        checkKey(key);
        const owner = byHash.get(key.hash);
        if (owner !== undefined && owner !== key.id)
          throw new StoreError('INVALID_ARGUMENT', 'that key hash already belongs to another key id');
        const previous = byId.get(key.id);
        if (previous !== undefined && previous.hash !== key.hash) byHash.delete(previous.hash);
        byId.set(key.id, {
          ...key,
          // The first creation time orders the listing, as the Redis sorted set's ZADD NX keeps it.
          createdAt: previous?.createdAt ?? key.createdAt,
          revokedAt: previous?.revokedAt ?? null,
          lastUsedAt: previous?.lastUsedAt ?? null,
        });
        byHash.set(key.hash, key.id);
      }),
    findByHash(hash) {
      const id = API_KEY_HASH.test(hash) ? byHash.get(hash) : undefined;
      return Promise.resolve(id === undefined ? null : (byId.get(id) ?? null));
    },
    get: (id) => Promise.resolve(byId.get(id) ?? null),
    list: () => Promise.resolve([...byId.values()].sort(byCreation)),
    revoke(id, at) {
      const key = byId.get(id);
      if (key === undefined) return Promise.resolve(null);
      const revoked = key.revokedAt === null ? { ...key, revokedAt: at } : key;
      byId.set(id, revoked);
      return Promise.resolve(revoked);
    },
    touch(id, at) {
      const key = byId.get(id);
      if (key === undefined) return Promise.resolve(false);
      if (key.lastUsedAt === null || key.lastUsedAt < at) byId.set(id, { ...key, lastUsedAt: at });
      return Promise.resolve(true);
    },
  };
}
