import { afterAll, beforeAll, describe } from 'vitest';
import { idempotenceProperty } from '../contract/idempotence.property.js';
import { modelBasedProperty } from '../contract/model-based.property.js';
import { createRedisTrustStore } from './redis-store.js';
import { testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

// Fewer runs than in memory: each run is a few hundred real round trips on a shared two-core machine.
describe('redis trust store properties', () => {
  idempotenceProperty(
    'redis',
    (now) => Promise.resolve(createRedisTrustStore({ redis: env.redis, prefix: env.prefix(), now })),
    40,
  );
  modelBasedProperty(
    'redis',
    (feedMaxEntries) =>
      Promise.resolve(
        createRedisTrustStore({
          redis: env.redis,
          prefix: env.prefix(),
          limits: { feedMaxEntries, chunkSize: 1 },
        }),
      ),
    40,
  );
});
