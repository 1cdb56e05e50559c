/**
 * Redis keys of the API-key store, this folder's counterpart of `keys.ts`. Every key carries the one
 * hash tag `{api-keys}`, so putApiKey-3.lua's three keys share a Redis Cluster slot (the whole set is
 * small: one entry per issued key). Ids are URI-encoded so a `{`, `}` or `:` can neither break the
 * tag nor collide.
 */
export interface ApiKeyKeys {
  /** Hash of one key: `json` (NewApiKey JSON), `revokedAt`, `lastUsedAt` (ISO 8601). */
  record(id: string): string;
  /** Hash: SHA-256 hex -> key id. */
  readonly byHash: string;
  /** Sorted set: score = created (ms), member = key id. */
  readonly ids: string;
}

const enc = encodeURIComponent;

/** The API-key keys under `prefix` (same prefix rules as createKeys: `tw` in production). */
export function createApiKeyKeys(prefix: string): ApiKeyKeys {
  if (!/^[A-Za-z0-9_.:-]{0,64}$/.test(prefix)) {
    throw new RangeError('key prefix must be 0-64 chars of [A-Za-z0-9_.:-] (no braces: they are hash tags)');
  }
  const head = prefix.replace(/:+$/, '');
  const base = `${head === '' ? '' : `${head}:`}apikeys:{api-keys}`;
  return {
    record: (id) => `${base}:k:${enc(id)}`,
    byHash: `${base}:byhash`,
    ids: `${base}:ids`,
  };
}
