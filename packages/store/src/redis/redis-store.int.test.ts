import { afterAll, beforeAll } from 'vitest';
import type { Redis } from 'ioredis';
import { trustStoreContract } from '../contract/trust-store.contract.js';
import { createRedisTrustStore } from './redis-store.js';
import { testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
let redis: Redis;
beforeAll(async () => {
  env = await testRedis();
  redis = env.redis;
});
afterAll(() => env.cleanup());

trustStoreContract('redis', ({ now, limits }) =>
  Promise.resolve(createRedisTrustStore({ redis, prefix: env.prefix(), now, limits })),
);
