import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerFactor, sharedNewsFactor } from '../contract/builders.js';
import type { CustomerEffects, TrustStore } from '../port.js';
import { isRedisReady } from './connection.js';
import { createRedisTrustStore } from './redis-store.js';
import { countRoundTrips, testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const T0 = 1_790_000_000_000;

async function seedVendorCustomers(store: TrustStore, vendor: string, n: number): Promise<string[]> {
  const customers = Array.from({ length: n }, (_, i) => `cust-${String(i)}`);
  for (let i = 0; i < n; i += 250) {
    await Promise.all(
      customers.slice(i, i + 250).map((c) =>
        store.replaceFleet(
          c,
          [
            { id: 'a1', vendor, model: 'X12', components: [] },
            { id: 'a2', vendor: 'other', model: 'R650', components: [] },
          ],
          1,
        ),
      ),
    );
  }
  return customers;
}

describe('redis fan-out and batching', () => {
  it('applies one news item to 2500 customers in ceil(2500/1000) + 1 round trips', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    const vendor = 'supermicro';
    await seedVendorCustomers(store, vendor, 2500);
    const factor = sharedNewsFactor('story-1', vendor);
    const trips = countRoundTrips(env.redis);
    const started = performance.now();
    const exposed = await store.customersOfVendor(vendor);
    const effects: CustomerEffects[] = exposed.map(({ customerId, share }) => ({
      customerId,
      eventId: 'news-1',
      version: T0,
      exposures: [{ factorId: factor.id, customerId, exposure: share, vendorExposure: 1 }],
    }));
    const outcomes = await store.applyMany(effects, {
      shared: [{ factor, version: T0 }],
      progress: { topic: 'news', partition: 0, offset: '5' },
    });
    const elapsedMs = performance.now() - started;
    const roundTrips = trips.stop();
    expect(roundTrips).toBe(Math.ceil(2500 / 1000) + 1);
    expect(outcomes.filter((o) => o.status === 'applied')).toHaveLength(2500);
    expect((await store.getFactors('cust-2499'))[0]).toMatchObject({ id: factor.id, exposure: 0.5 });
    // The slow log (server threshold, 10 ms by default) holds per-call times. A script whose own cost
    // passed it would appear for most of the 2500 calls; a handful of entries are the shared host
    // descheduling Redis (load average above 7 on two cores was seen), which is noise: the bound is 1 %.
    const slow = (await env.redis.slowlog('GET', 1000)) as [number, number, number, string[]][];
    const ours = slow.filter((entry) => entry[3].some((arg) => arg.includes(prefix)));
    expect(ours.length).toBeLessThanOrEqual(25);
    console.info(
      `fan-out of 2500 customers: ${elapsedMs.toFixed(0)} ms, ${String(roundTrips)} round trips, ${String(ours.length)} slow-log entries`,
    );
  });

  it('re-scores 2500 customers, reads included, in ceil(2500/1000) + 1 round trips with fanOut', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    const customers = Array.from({ length: 2500 }, (_, i) => `fan-${String(i)}`);
    const factor = sharedNewsFactor('story-2', 'supermicro');
    const trips = countRoundTrips(env.redis);
    const outcomes = await store.fanOut(
      customers,
      (snapshots) =>
        snapshots.map((s) => ({
          customerId: s.customerId,
          eventId: 'news-2',
          version: T0,
          exposures: [{ factorId: factor.id, customerId: s.customerId, exposure: 1, vendorExposure: 1 }],
        })),
      { shared: [{ factor, version: T0 }], progress: { topic: 'news', partition: 3, offset: '8' } },
    );
    expect(trips.stop()).toBe(Math.ceil(2500 / 1000) + 1);
    expect(outcomes.filter((o) => o.status === 'applied')).toHaveLength(2500);
    expect((await store.getFactors('fan-1999')).map((f) => f.id)).toEqual([factor.id]);
    expect(await store.resumeOffsets('news')).toEqual(new Map([[3, '9']]));
  });

  it('fans a second item out to 2500 customers holding the first in ceil(2500/1000) + 1 round trips, reading the first as stored now', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    const customers = Array.from({ length: 2500 }, (_, i) => `held-${String(i)}`);
    const bind = (factorId: string, eventId: string) => (snapshots: readonly { customerId: string }[]) =>
      snapshots.map((s) => ({
        customerId: s.customerId,
        eventId,
        version: T0,
        exposures: [{ factorId, customerId: s.customerId, exposure: 1, vendorExposure: 1 }],
      }));
    const first = sharedNewsFactor('story-held-1', 'supermicro');
    await store.fanOut(customers, bind(first.id, 'news-held-1'), {
      shared: [{ factor: first, version: T0 }],
    });
    // The first claim is answered after the customers were read: its new text must be the one seen.
    const answered = { ...first, credibility: 0.2 };
    expect(await store.putSharedFactor(answered, T0 + 1)).toBe(true);
    const second = sharedNewsFactor('story-held-2', 'supermicro');
    const seen: number[] = [];
    const trips = countRoundTrips(env.redis);
    const outcomes = await store.fanOut(
      customers,
      (snapshots) => {
        for (const s of snapshots) {
          seen.push(s.factors.find((f) => f.id === first.id)?.credibility ?? Number.NaN);
        }
        return bind(second.id, 'news-held-2')(snapshots);
      },
      { shared: [{ factor: second, version: T0 }] },
    );
    // Without the held texts riding with each chunk's load, every chunk would add a trip for them.
    expect(trips.stop()).toBe(Math.ceil(2500 / 1000) + 1);
    expect(outcomes.filter((o) => o.status === 'applied')).toHaveLength(2500);
    expect(seen).toEqual(customers.map(() => 0.2));
    expect((await store.getFactors('held-7')).map((f) => f.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('still reads a binding made since a customer was last read (one more round trip)', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    const writer = createRedisTrustStore({ redis: env.redis, prefix });
    const first = sharedNewsFactor('story-since-1', 'supermicro');
    const second = sharedNewsFactor('story-since-2', 'supermicro');
    const bind = (factorId: string, eventId: string) => ({
      customerId: 'since-1',
      eventId,
      version: T0,
      exposures: [{ factorId, customerId: 'since-1', exposure: 1, vendorExposure: 1 }],
    });
    await store.applyMany([bind(first.id, 'e1')], { shared: [{ factor: first, version: T0 }] });
    expect((await store.getFactors('since-1')).map((f) => f.id)).toEqual([first.id]);
    // Another instance binds a second factor: this store's hint does not know it.
    await writer.applyMany([bind(second.id, 'e2')], { shared: [{ factor: second, version: T0 }] });
    const trips = countRoundTrips(env.redis);
    const factors = await store.getFactors('since-1');
    expect(trips.stop()).toBe(2);
    expect(factors.map((f) => f.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('applies a batch of 1:1 events for many customers with its Kafka position in one round trip', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    const effects = Array.from({ length: 200 }, (_, i) => {
      const customerId = `c-${String(i)}`;
      return {
        customerId,
        eventId: `fw-${String(i)}`,
        version: T0,
        factors: [customerFactor(customerId, 'bmc')],
      };
    });
    const trips = countRoundTrips(env.redis);
    await store.applyMany(effects, { progress: { topic: 'firmware', partition: 1, offset: '999' } });
    expect(trips.stop()).toBe(1);
    expect(await store.resumeOffsets('firmware')).toEqual(new Map([[1, '1000']]));
  });

  it('signals not-ready while reconnecting and applies nothing twice once the connection is back', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    const effects = {
      customerId: 'c1',
      eventId: 'fw-1',
      version: T0,
      factors: [customerFactor('c1', 'bmc')],
    };
    const id = await env.redis.client('ID');
    const killer = env.redis.duplicate();
    await killer.connect();
    const closed = new Promise((resolve) => env.redis.once('close', resolve));
    const ready = new Promise((resolve) => env.redis.once('ready', resolve));
    await killer.client('KILL', 'ID', String(id));
    await killer.quit();
    await closed;
    // Down: no offline queue, so the apply fails at once as retriable instead of piling up in memory.
    expect(isRedisReady(env.redis)).toBe(false);
    await expect(store.applyMany([effects])).rejects.toMatchObject({ code: 'UNAVAILABLE', retriable: true });
    await ready;
    expect(env.redis.status).toBe('ready');
    const [first] = await store.applyMany([effects]);
    const [again] = await store.applyMany([effects]);
    expect([first?.status, again?.status]).toEqual(['applied', 'duplicate']);
  });
});
