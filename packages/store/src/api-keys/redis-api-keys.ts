import type { Redis } from 'ioredis';
import { scriptError, StoreError, unavailable } from '../errors.js';
import { createApiKeyKeys } from './api-key-keys.js';
import {
  API_KEY_HASH,
  API_KEY_ID,
  type ApiKeyRepository,
  type NewApiKey,
  type StoredApiKey,
} from './api-key-types.js';

export interface RedisApiKeysOptions {
  /** A client from connectRedis with registerApiKeyScripts applied. */
  readonly redis: Redis;
  /** Key prefix (`tw` in production, a unique one per test). */
  readonly prefix: string;
}

const FIELDS = ['json', 'revokedAt', 'lastUsedAt'] as const;

function decode(fields: readonly (string | null)[]): StoredApiKey | null {
  const [json, revokedAt, lastUsedAt] = fields;
  if (json === null || json === undefined) return null;
  try {
    const key = JSON.parse(json) as NewApiKey;
    return { ...key, revokedAt: revokedAt ?? null, lastUsedAt: lastUsedAt ?? null };
  } catch (cause) {
    throw new StoreError('CORRUPT_STATE', 'API key record is not the JSON this package writes', { cause });
  }
}

async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw unavailable(operation, err);
  }
}

/** Negative codes of the API-key scripts beyond the shared ones (see each script's header). */
function refusal(script: string, code: number): StoreError {
  if (code === -4)
    return new StoreError('INVALID_ARGUMENT', 'that key hash already belongs to another key id');
  return scriptError(script, code);
}

/** The API-key repository on Redis: one Lua call per write, reads by HMGET. */
export function createRedisApiKeys(options: RedisApiKeysOptions): ApiKeyRepository {
  const { redis } = options;
  const keys = createApiKeyKeys(options.prefix);
  const get = (id: string) =>
    guard('api-key read', async () => decode(await redis.hmget(keys.record(id), ...FIELDS)));
  return {
    async put(key) {
      checkKey(key);
      const code = await guard('api-key put', () =>
        redis.twPutApiKey(
          keys.record(key.id),
          keys.byHash,
          keys.ids,
          key.id,
          key.hash,
          JSON.stringify(key),
          Date.parse(key.createdAt),
        ),
      );
      if (code < 0) throw refusal('putApiKey-3', code);
    },
    async findByHash(hash) {
      if (!API_KEY_HASH.test(hash)) return null;
      const id = await guard('api-key lookup', () => redis.hget(keys.byHash, hash));
      const key = id === null ? null : await get(id);
      // The record names its hash: a binding left by a re-keyed id never authenticates the old secret.
      return key !== null && key.hash === hash ? key : null;
    },
    get: (id) => (API_KEY_ID.test(id) ? get(id) : Promise.resolve(null)),
    async list() {
      const ids = await guard('api-key list', () => redis.zrange(keys.ids, 0, -1));
      const found = await Promise.all(ids.map((id) => get(id)));
      return found.filter((k): k is StoredApiKey => k !== null);
    },
    async revoke(id, at) {
      if (!API_KEY_ID.test(id)) return null;
      const code = await guard('api-key revoke', () => redis.twRevokeApiKey(keys.record(id), at));
      if (code === -6) return null;
      if (code < 0) throw refusal('revokeApiKey-1', code);
      return get(id);
    },
    async touch(id, at) {
      if (!API_KEY_ID.test(id)) return false;
      const code = await guard('api-key touch', () => redis.twTouchApiKey(keys.record(id), at));
      if (code === -6) return false;
      if (code < 0) throw refusal('touchApiKey-1', code);
      return true;
    },
  };
}

/** Refuses a malformed key before any write, as the memory adapter does. */
export function checkKey(key: NewApiKey): void {
  if (!API_KEY_ID.test(key.id))
    throw new StoreError('INVALID_ARGUMENT', 'API key id must be 1-64 of [A-Za-z0-9_-]');
  if (!API_KEY_HASH.test(key.hash))
    throw new StoreError('INVALID_ARGUMENT', 'API key hash must be SHA-256 hex');
  if (!Number.isFinite(Date.parse(key.createdAt)))
    throw new StoreError('INVALID_ARGUMENT', 'API key createdAt must be an ISO 8601 time');
}
