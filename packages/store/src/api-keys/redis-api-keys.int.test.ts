import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedis } from '../redis/test-redis.js';
import { createApiKeyKeys } from './api-key-keys.js';
import { loadApiKeyScripts, registerApiKeyScripts } from './api-key-scripts.js';
import { describeApiKeyContract, newKey } from './api-keys.contract.js';
import { createRedisApiKeys } from './redis-api-keys.js';

let redis: Redis;
let prefix: () => string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ redis, prefix, cleanup } = await testRedis());
  registerApiKeyScripts(redis);
  await loadApiKeyScripts(redis);
});
afterAll(async () => {
  await cleanup();
});

// Each case gets its own prefix: a fresh, empty repository on the shared server.
describeApiKeyContract('redis', () => Promise.resolve(createRedisApiKeys({ redis, prefix: prefix() })));

describe('redis API-key layout', () => {
  it('keeps every key under one hash tag and binds the hash to its key id', async () => {
    const at = prefix();
    const key = newKey();
    await createRedisApiKeys({ redis, prefix: at }).put(key);
    const keys = createApiKeyKeys(at);
    for (const name of [keys.record(key.id), keys.byHash, keys.ids])
      expect(name).toContain(':apikeys:{api-keys}:');
    expect(await redis.hget(keys.byHash, key.hash)).toBe(key.id);
    expect(JSON.parse((await redis.hget(keys.record(key.id), 'json')) ?? '{}')).toEqual(key);
  });
});
