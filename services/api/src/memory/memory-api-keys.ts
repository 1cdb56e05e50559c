import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-keys.js';

/** In-memory API keys (hashes only), for the embedded mode and tests. */
export function createMemoryApiKeyStore(): ApiKeyStore {
  const byId = new Map<string, ApiKeyRecord>();
  return {
    put(record) {
      byId.set(record.id, record);
      return Promise.resolve();
    },
    findByHash: (hash) => Promise.resolve([...byId.values()].find((r) => r.hash === hash) ?? null),
    list: () => Promise.resolve([...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt))),
    revoke(id, at) {
      const record = byId.get(id);
      if (record === undefined) return Promise.resolve(null);
      const revoked = record.revokedAt === null ? { ...record, revokedAt: at } : record;
      byId.set(id, revoked);
      return Promise.resolve(revoked);
    },
  };
}
