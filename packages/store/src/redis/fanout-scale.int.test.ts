import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAt, sharedNewsFactor, summaryAt } from '../contract/builders.js';
import type { TrustStore } from '../port.js';
import { createRedisTrustStore } from './redis-store.js';
import { countRoundTrips, testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const T0 = 1_790_000_000_000;

async function seed(store: TrustStore, vendor: string, n: number): Promise<void> {
  const ids = Array.from({ length: n }, (_, i) => `c-${String(i)}`);
  for (let i = 0; i < n; i += 250) {
    await Promise.all(
      ids
        .slice(i, i + 250)
        .map((id) => store.replaceFleet(id, [{ id: 'a1', vendor, model: 'X12', components: [] }], 1)),
    );
  }
}

describe('one news item fanned out to N customers on the real Redis', () => {
  it.each([1, 100, 1000, 5000])(
    'scores, applies, indexes %i customers and records the position in ceil(N/1000) + 1 round trips after the exposure lookup',
    async (n) => {
      const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
      const vendor = 'supermicro';
      await seed(store, vendor, n);
      const factor = sharedNewsFactor(`story-${String(n)}`, vendor);
      const lookup = countRoundTrips(env.redis);
      const started = performance.now();
      const exposed = await store.customersOfVendor(vendor);
      const lookupTrips = lookup.stop();
      const trips = countRoundTrips(env.redis);
      // What the engine applies per customer: the binding, a new summary and a feed entry.
      const { outcomes, progressRecorded } = await store.fanOutWithProgress(
        exposed.map((e) => e.customerId),
        (snapshots) =>
          snapshots.map((s) => ({
            customerId: s.customerId,
            eventId: 'news-1',
            version: T0,
            exposures: [{ factorId: factor.id, customerId: s.customerId, exposure: 1, vendorExposure: 1 }],
            summary: summaryAt(s.customerId, T0, 70),
            change: changeAt(s.customerId, T0, 100, 70),
          })),
        // The position rides with the last chunk, recorded only if no customer conflicted.
        { shared: [{ factor, version: T0 }], progressIfClean: { topic: 'news', partition: 0, offset: '1' } },
      );
      const fanOutTrips = trips.stop();
      const elapsedMs = performance.now() - started;
      expect(lookupTrips).toBe(1);
      expect(fanOutTrips).toBe(Math.ceil(n / 1000) + 1);
      expect(outcomes.filter((o) => o.status === 'applied')).toHaveLength(n);
      expect(progressRecorded).toBe(true);
      expect(await store.resumeOffsets('news')).toEqual(new Map([[0, '2']]));
      expect(await store.knowsCustomer(`c-${String(n - 1)}`)).toBe(true);
      console.info(
        `news fan-out to ${String(n)} customers: ${String(lookupTrips)} lookup + ${String(fanOutTrips)} fan-out round trips (position included), ${elapsedMs.toFixed(0)} ms`,
      );
    },
    120_000,
  );
});
