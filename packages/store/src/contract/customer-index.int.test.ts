import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTrustStore } from '../redis/redis-store.js';
import { countRoundTrips, testRedis } from '../redis/test-redis.js';
import { summaryAt } from './builders.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const T0 = 1_790_000_000_000;

describe('the Redis customer index behind listCustomers', () => {
  it('indexes the customers of a scored batch within its one round trip', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    const customers = Array.from({ length: 300 }, (_, i) => `c-${String(i).padStart(3, '0')}`);
    const trips = countRoundTrips(env.redis);
    await store.applyMany(
      customers.map((customerId) => ({
        customerId,
        eventId: 'e',
        version: T0,
        summary: summaryAt(customerId, T0, 80),
      })),
      { progress: { topic: 'scores', partition: 0, offset: '7' } },
    );
    expect(trips.stop()).toBe(1);
    const page = await store.listCustomers({ limit: 1000 });
    expect(page).toEqual({ customerIds: customers, next: null });
  });

  it('reads 1000 history entries and a 1000-customer page in one round trip each', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    const effects = Array.from({ length: 1200 }, (_, i) => ({
      customerId: i < 1000 ? 'acme' : `other-${String(i)}`,
      eventId: `e-${String(i)}`,
      version: T0 + i,
      summary: summaryAt(i < 1000 ? 'acme' : `other-${String(i)}`, T0 + i * 1000, 50),
    }));
    await store.applyMany(effects);
    const trips = countRoundTrips(env.redis);
    const started = performance.now();
    const history = await store.summaryHistory('acme', { from: T0, to: T0 + 10_000_000, limit: 1000 });
    const page = await store.listCustomers({ limit: 1000 });
    const elapsedMs = performance.now() - started;
    expect(trips.stop()).toBe(2);
    expect(history).toHaveLength(1000);
    expect(history[0]?.at).toBe(new Date(T0 + 999_000).toISOString());
    expect(page.customerIds).toHaveLength(201);
    console.info(`1000 history entries + 201 customers: ${elapsedMs.toFixed(1)} ms in 2 round trips`);
  });
});
