import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAt, inventoryAt, sharedNewsFactor, summaryAt } from '../contract/builders.js';
import type { FiledAdvisory, TrustStore } from '../port.js';
import { createRedisTrustStore } from './redis-store.js';
import { countRoundTrips, testRedis } from './test-redis.js';

// A Kafka batch's worth of planners, each reading its own customer, vendor, supplier or story.
const N = 200;
const T0 = 1_790_000_000_000;
const ids = Array.from({ length: N }, (_, i) => i);
const customer = (i: number) => `c-${String(i)}`;
const vendor = (i: number) => `vendor-${String(i)}`;
const story = (i: number) => `story-${String(i)}`;
const factorOf = (i: number) => sharedNewsFactor(story(i), vendor(i));

function advisory(i: number): FiledAdvisory {
  const advisoryId = `CVE-2026-${String(10_000 + i)}`;
  return { eventId: `event-${advisoryId}`, advisory: published(advisoryId, i) };
}

function published(advisoryId: string, i: number): FiledAdvisory['advisory'] {
  return {
    advisoryId,
    title: 'BMC flaw',
    published: '2026-11-01T00:00:00Z',
    severity: { cvssScore: 7.2 },
    affected: [
      {
        vendorId: vendor(i),
        vendorName: vendor(i),
        product: 'X12',
        versions: [{ version: '1.0', status: 'affected' }],
      },
    ],
    references: [],
  };
}

let env: Awaited<ReturnType<typeof testRedis>>;
let store: TrustStore;
let prefix: string;
let feedIds: (string | null)[];

beforeAll(async () => {
  env = await testRedis();
  prefix = env.prefix();
  store = createRedisTrustStore({ redis: env.redis, prefix, now: () => T0 });
  await Promise.all(
    ids.map(async (i) => {
      const c = customer(i);
      const component = { id: 'BMC', kind: 'bmc', version: `1.${String(i)}`, hashes: [] };
      await store.replaceFleet(
        c,
        [{ id: `a-${String(i)}`, vendor: vendor(i), model: 'X12', components: [component] }],
        1,
      );
      await store.putAssetSnapshot(c, `a-${String(i)}`, inventoryAt(c, `a-${String(i)}`, T0, '1.0'), T0);
      await store.linkSupplier(
        { supplierId: `s-${String(i)}`, vendorId: vendor(i), category: 'board' },
        true,
      );
      await store.putAdvisory(advisory(i));
      await store.putPendingAnswer(story(i), { answerId: 'denial', payload: String(i) });
    }),
  );
  const outcomes = await store.applyMany(
    ids.map((i) => ({
      customerId: customer(i),
      eventId: 'seed',
      version: T0,
      exposures: [{ factorId: factorOf(i).id, customerId: customer(i), exposure: 1, vendorExposure: 1 }],
      summary: summaryAt(customer(i), T0, i % 100),
      change: changeAt(customer(i), T0, 100, i % 100),
    })),
    { shared: ids.map((i) => ({ factor: factorOf(i), version: T0 })) },
  );
  feedIds = outcomes.map((o) => (o.status === 'applied' ? o.feedId : null));
}, 60_000);
afterAll(() => env.cleanup());

/** Runs one read per planner concurrently; returns the replies and the socket writes they cost. */
async function concurrently<T>(read: (i: number) => Promise<T>): Promise<{ replies: T[]; trips: number }> {
  const trips = countRoundTrips(env.redis);
  const replies = await Promise.all(ids.map(read));
  return { replies, trips: trips.stop() };
}

describe('reads issued together on the real Redis', () => {
  it.each<[string, (i: number) => Promise<unknown>, (reply: unknown, i: number) => boolean]>([
    [
      'getFleet',
      (i: number) => store.getFleet(customer(i)),
      (r: unknown, i: number) => (r as { id: string }[])[0]?.id === `a-${String(i)}`,
    ],
    [
      'pendingAnswers',
      (i: number) => store.pendingAnswers(story(i)),
      (r: unknown, i: number) => (r as { payload: string }[])[0]?.payload === String(i),
    ],
    [
      'getSharedFactor',
      (i: number) => store.getSharedFactor(factorOf(i).id),
      (r: unknown, i: number) => (r as { id: string } | null)?.id === factorOf(i).id,
    ],
    [
      'customersOfVendor',
      (i: number) => store.customersOfVendor(vendor(i)),
      (r: unknown, i: number) => (r as { customerId: string }[])[0]?.customerId === customer(i),
    ],
    [
      'vendorsOfSupplier',
      (i: number) => store.vendorsOfSupplier(`s-${String(i)}`),
      (r: unknown, i: number) => (r as { vendorId: string }[])[0]?.vendorId === vendor(i),
    ],
    [
      'listComponents',
      (i: number) => store.listComponents(customer(i)),
      (r: unknown, i: number) => (r as { version: string }[])[0]?.version === `1.${String(i)}`,
    ],
    [
      'getAssetSnapshot',
      (i: number) => store.getAssetSnapshot(customer(i), `a-${String(i)}`),
      (r: unknown, i: number) =>
        (r as { snapshot: { assetId: string } } | null)?.snapshot.assetId === `a-${String(i)}`,
    ],
    [
      'feedEntry',
      (i: number) => store.feedEntry(customer(i), feedIds[i] ?? ''),
      (r: unknown, i: number) => (r as { customerId: string } | null)?.customerId === customer(i),
    ],
    [
      'getSummary',
      (i: number) => store.getSummary(customer(i)),
      (r: unknown, i: number) => (r as { overall: { score: number } } | null)?.overall.score === i % 100,
    ],
  ] as const)(
    'answers %s for 200 planners in one round trip, each with its own reply',
    async (_name, read, own) => {
      const { replies, trips } = await concurrently(read);
      expect(trips).toBe(1);
      expect(replies.filter((reply, i) => !own(reply, i))).toEqual([]);
    },
  );

  it('answers advisoriesOfVendor for 200 planners in two round trips when cold (version, then hash) and one when warm', async () => {
    const own = (replies: FiledAdvisory[][]) =>
      replies.filter((r, i) => r[0]?.advisory.advisoryId !== `CVE-2026-${String(10_000 + i)}`);
    const cold = await concurrently((i) => store.advisoriesOfVendor(vendor(i)));
    expect(cold.trips).toBe(2);
    expect(own(cold.replies)).toEqual([]);
    const warm = await concurrently((i) => store.advisoriesOfVendor(vendor(i)));
    expect(warm.trips).toBe(1);
    expect(own(warm.replies)).toEqual([]);
  });

  it('answers getFactors and sharedFactorsOfVendor for 200 planners in two round trips (their two dependent steps), getFactors in one when warm', async () => {
    // A store that has not seen these customers yet (another instance bound their shared factors).
    const cold = createRedisTrustStore({ redis: env.redis, prefix, now: () => T0 });
    const factors = await concurrently((i) => cold.getFactors(customer(i)));
    expect(factors.trips).toBe(2);
    expect(factors.replies.map((f) => f.map((x) => x.id))).toEqual(ids.map((i) => [factorOf(i).id]));
    // The shared factors each customer held at that read ride with its next load.
    const warm = await concurrently((i) => cold.getFactors(customer(i)));
    expect(warm.trips).toBe(1);
    expect(warm.replies).toEqual(factors.replies);
    const shared = await concurrently((i) => store.sharedFactorsOfVendor(vendor(i)));
    expect(shared.trips).toBe(2);
    expect(shared.replies.map((f) => f.map((x) => x.id))).toEqual(ids.map((i) => [factorOf(i).id]));
  });

  it('answers a whole batch of news planners, every kind of read at once, in two round trips', async () => {
    const trips = countRoundTrips(env.redis);
    const planned = await Promise.all(
      ids.map(async (i) => {
        const [answers, factor, exposed, fleet, advisories, sharedOfVendor, factors] = await Promise.all([
          store.pendingAnswers(story(i)),
          store.getSharedFactor(factorOf(i).id),
          store.customersOfVendor(vendor(i)),
          store.getFleet(customer(i)),
          store.advisoriesOfVendor(vendor(i)),
          store.sharedFactorsOfVendor(vendor(i)),
          store.getFactors(customer(i)),
        ]);
        return [
          answers.length,
          factor?.id,
          exposed.length,
          fleet.length,
          advisories.length,
          sharedOfVendor.length,
          factors.length,
        ];
      }),
    );
    expect(trips.stop()).toBe(2);
    expect(planned).toEqual(ids.map((i) => [1, factorOf(i).id, 1, 1, 1, 1, 1]));
  });

  it('writes observations of known assets for 200 customers in two round trips, each with its own change', async () => {
    const trips = countRoundTrips(env.redis);
    const changes = await Promise.all(
      ids.map((i) =>
        store.upsertObservedAsset(
          customer(i),
          {
            id: `a-${String(i)}`,
            vendor: vendor(i),
            model: 'X12',
            components: [{ id: 'BMC', kind: 'bmc', version: '2.0', hashes: [] }],
          },
          T0 + i,
        ),
      ),
    );
    expect(trips.stop()).toBe(2);
    expect(changes.map((c) => [c.customerId, c.applied, c.changed])).toEqual(
      ids.map((i) => [customer(i), true, [`a-${String(i)}`]]),
    );
    expect((await store.listComponents(customer(7)))[0]?.version).toBe('2.0');
  });
});
