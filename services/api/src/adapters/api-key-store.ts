import type { ApiKeyRepository, StoredApiKey } from '@trustwatch/store';
import { roleSchema } from '../auth/principal.js';
import type { ApiKeyRecord, ApiKeyStore } from '../ports/api-keys.js';

/**
 * A stored key as the API sees it. A role this version does not know (written by a newer one) makes
 * the key unusable here rather than guessing its rights.
 */
function toRecord(key: StoredApiKey): ApiKeyRecord | null {
  const role = roleSchema.safeParse(key.role);
  return role.success ? { ...key, role: role.data } : null;
}

/** The API's ApiKeyStore port over the store's API-key repository (memory or Redis). */
export function apiKeyStoreOver(repo: ApiKeyRepository): ApiKeyStore {
  const recordOrNull = (key: StoredApiKey | null) => (key === null ? null : toRecord(key));
  return {
    put: ({ lastUsedAt: _lastUsedAt, revokedAt, ...key }) =>
      revokedAt === null
        ? repo.put(key)
        : repo.put(key).then(async () => void (await repo.revoke(key.id, revokedAt))),
    findByHash: async (hash) => recordOrNull(await repo.findByHash(hash)),
    list: async () => (await repo.list()).flatMap((key) => toRecord(key) ?? []),
    revoke: async (id, at) => recordOrNull(await repo.revoke(id, at)),
    touch: async (id, at) => void (await repo.touch(id, at)),
  };
}
