import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAt, sharedNewsFactor, summaryAt } from '../contract/builders.js';
import type { CustomerSnapshot, TrustStore } from '../port.js';
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

describe('a news item whose lookup read its customers ahead', () => {
  const newsEffects =
    (factorId: string, eventId: string, at: number) => (snapshots: readonly CustomerSnapshot[]) =>
      snapshots.map((s) => ({
        customerId: s.customerId,
        eventId,
        version: at,
        exposures: [{ factorId, customerId: s.customerId, exposure: 1, vendorExposure: 1 }],
        summary: summaryAt(s.customerId, at, 70),
        change: changeAt(s.customerId, at, 100, 70),
      }));

  it.each([1, 1000, 2500])(
    'looks up and fans out to %i customers in ceil(N/1000) + 1 round trips once the vendor was looked up before',
    async (n) => {
      const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
      const vendor = 'supermicro';
      await seed(store, vendor, n);
      const first = sharedNewsFactor(`ahead-1-${String(n)}`, vendor);
      const cold = await store.customersOfVendor(vendor, { readAhead: true });
      await store.fanOut(
        cold.map((e) => e.customerId),
        newsEffects(first.id, 'ahead-1', T0),
        { shared: [{ factor: first, version: T0 }] },
      );
      const second = sharedNewsFactor(`ahead-2-${String(n)}`, vendor);
      const held: string[][] = [];
      const trips = countRoundTrips(env.redis);
      const warm = await store.customersOfVendor(vendor, { readAhead: true });
      const { outcomes } = await store.fanOutWithProgress(
        warm.map((e) => e.customerId),
        (snapshots) => {
          held.push(...snapshots.map((s) => s.factors.map((f) => f.id)));
          return newsEffects(second.id, 'ahead-2', T0 + 1)(snapshots);
        },
        {
          shared: [{ factor: second, version: T0 + 1 }],
          progressIfClean: { topic: 'news', partition: 0, offset: '5' },
        },
      );
      expect(trips.stop()).toBe(Math.ceil(n / 1000) + 1);
      expect(outcomes.filter((o) => o.status === 'applied')).toHaveLength(n);
      // Every customer was scored on its state after the first item, read ahead or not.
      expect(held).toEqual(warm.map(() => [first.id]));
      expect((await store.getFactors('c-0')).map((f) => f.id).sort()).toEqual([first.id, second.id].sort());
    },
    120_000,
  );

  it('hands back as a conflict a customer changed between the read ahead and the fan-out', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    const other = createRedisTrustStore({ redis: env.redis, prefix });
    const vendor = 'supermicro';
    await seed(store, vendor, 3);
    await store.customersOfVendor(vendor, { readAhead: true });
    const ahead = await store.customersOfVendor(vendor, { readAhead: true });
    // Another engine instance applies to c-1 after its state was read ahead.
    await other.applyMany([
      { customerId: 'c-1', eventId: 'elsewhere', version: T0, summary: summaryAt('c-1', T0, 90) },
    ]);
    const story = sharedNewsFactor('ahead-conflict', vendor);
    const trips = countRoundTrips(env.redis);
    const outcomes = await store.fanOut(
      ahead.map((e) => e.customerId),
      newsEffects(story.id, 'ahead-conflict', T0 + 1),
      { shared: [{ factor: story, version: T0 + 1 }] },
    );
    expect(trips.stop()).toBe(1);
    expect(outcomes.map((o) => [o.customerId, o.status])).toEqual([
      ['c-0', 'applied'],
      ['c-1', 'conflict'],
      ['c-2', 'applied'],
    ]);
    expect(await store.getFactors('c-1')).toEqual([]);
  });

  // A summary write per customer, recording the score each snapshot handed to the fan-out held.
  const rescore =
    (eventId: string, at: number, score: number, seen: number[] = []) =>
    (snapshots: readonly CustomerSnapshot[]) =>
      snapshots.map((s) => {
        seen.push(s.summary?.overall.score ?? 100);
        return {
          customerId: s.customerId,
          eventId,
          version: at,
          summary: summaryAt(s.customerId, at, score),
        };
      });

  it('takes the state an asset read brought along: a firmware change costs the asset read and the apply', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    await seed(store, 'supermicro', 3);
    await store.applyMany([
      { customerId: 'c-1', eventId: 'before', version: T0, summary: summaryAt('c-1', T0, 90) },
    ]);
    const trips = countRoundTrips(env.redis);
    const reads = await Promise.all(
      ['c-0', 'c-1'].map((id) => store.assetInFleet(id, 'a1', { readAhead: true })),
    );
    expect(trips.stop()).toBe(1);
    expect(reads.map((r) => [r.asset?.id, r.vendorCounts])).toEqual([
      ['a1', { supermicro: 1 }],
      ['a1', { supermicro: 1 }],
    ]);
    const seen: number[] = [];
    const applying = countRoundTrips(env.redis);
    const outcomes = await store.fanOut(['c-0', 'c-1'], rescore('fw-1', T0 + 1, 80, seen));
    expect(applying.stop()).toBe(1);
    expect(seen).toEqual([100, 90]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    // What was read ahead was taken: the next fan-out reads again.
    const again = countRoundTrips(env.redis);
    await store.fanOut(['c-0'], rescore('fw-2', T0 + 2, 70));
    expect(again.stop()).toBe(2);
  });

  it('reads again a customer whose asset read came ahead of another fan-out to it', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    await seed(store, 'supermicro', 2);
    await store.assetInFleet('c-0', 'a1', { readAhead: true });
    // A fan-out over both (a news item) applies to c-0 first: what was kept for c-0 is now stale.
    await store.fanOut(['c-1', 'c-0'], rescore('news', T0, 90));
    const scores: number[] = [];
    const trips = countRoundTrips(env.redis);
    const outcomes = await store.fanOut(['c-0'], rescore('fw', T0 + 1, 80, scores));
    expect(trips.stop()).toBe(2);
    expect(scores).toEqual([90]);
    expect(outcomes.map((o) => o.status)).toEqual(['applied']);
  });
});
