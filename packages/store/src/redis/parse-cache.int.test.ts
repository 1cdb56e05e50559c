import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerFactor, sharedNewsFactor, summaryAt } from '../contract/builders.js';
import { createKeys } from '../keys.js';
import { createRedisTrustStore } from './redis-store.js';
import { testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const T0 = 1_790_000_000_000;

async function seeded(customerId: string) {
  const prefix = env.prefix();
  const store = createRedisTrustStore({ redis: env.redis, prefix });
  const shared = sharedNewsFactor(`story-${customerId}`, 'supermicro', 0.6, T0);
  await store.applyMany(
    [
      {
        customerId,
        eventId: 'seed',
        version: T0,
        factors: [customerFactor(customerId, 'a', 0.5, T0), customerFactor(customerId, 'b', 0.5, T0)],
        exposures: [{ factorId: shared.id, customerId, exposure: 0.1, vendorExposure: 0.2 }],
        summary: summaryAt(customerId, T0, 0.7),
      },
    ],
    { shared: [{ factor: shared, version: T0 }] },
  );
  return { store, prefix, keys: createKeys(prefix) };
}

describe('stored JSON parsed once on the Redis read paths', () => {
  it('hands every reader the same frozen factors and summary while Redis holds the same JSON', async () => {
    const { store } = await seeded('pc-frozen');
    const [first] = await store.loadCustomers(['pc-frozen']);
    const [second] = await store.loadCustomers(['pc-frozen']);
    const own = first?.factors.find((f) => f.origin === 'customer');
    expect(second?.factors.find((f) => f.id === own?.id)).toBe(own);
    expect(second?.summary).toBe(first?.summary);
    for (const factor of first?.factors ?? []) {
      expect(Object.isFrozen(factor)).toBe(true);
      expect(Object.isFrozen(factor.evidence.eventIds)).toBe(true);
    }
    expect(Object.isFrozen(first?.summary?.vendors)).toBe(true);
    expect(await store.getSummary('pc-frozen')).toBe(first?.summary);
  });

  it('reads a factor anew once another instance rewrote it in Redis', async () => {
    const { store, prefix } = await seeded('pc-changed');
    await store.loadCustomers(['pc-changed']);
    const writer = createRedisTrustStore({ redis: env.redis, prefix });
    await writer.applyMany([
      {
        customerId: 'pc-changed',
        eventId: 'raise',
        version: T0 + 1,
        factors: [customerFactor('pc-changed', 'a', 0.9, T0 + 1)],
      },
    ]);
    const [after] = await store.loadCustomers(['pc-changed']);
    const severities = after?.factors.filter((f) => f.origin === 'customer').map((f) => f.severity);
    expect(severities?.sort()).toEqual([0.5, 0.9]);
  });

  it("keeps the values of a customer's unchanged factors while another of its factors is rewritten", async () => {
    const { store } = await seeded('pc-rewrite');
    const ownOf = async () => {
      const [snapshot] = await store.loadCustomers(['pc-rewrite']);
      return new Map(
        snapshot?.factors.filter((f) => f.origin === 'customer').map((f) => [f.evidence.eventIds[0], f]),
      );
    };
    const before = await ownOf();
    for (let i = 1; i <= 3; i += 1) {
      await store.applyMany([
        {
          customerId: 'pc-rewrite',
          eventId: `raise-${String(i)}`,
          version: T0 + i,
          factors: [customerFactor('pc-rewrite', 'a', 0.5 + i / 10, T0 + i)],
        },
      ]);
    }
    const after = await ownOf();
    expect(after.get('evt-b')).toBeDefined();
    expect(after.get('evt-b')).toBe(before.get('evt-b'));
    expect(after.get('evt-a')?.severity).toBe(0.8);
  });

  it('fails every read of a factor whose stored JSON is invalid, and reads again once it is repaired', async () => {
    const { store, keys } = await seeded('pc-invalid');
    const key = keys.customer('pc-invalid').factors;
    const good = customerFactor('pc-invalid', 'c', 0.5, T0);
    await env.redis.hset(key, good.id, JSON.stringify({ ...good, severity: 7 }));
    await expect(store.loadCustomers(['pc-invalid'])).rejects.toThrow();
    await expect(store.getFactors('pc-invalid')).rejects.toThrow();
    await env.redis.hset(key, good.id, JSON.stringify(good));
    expect((await store.getFactors('pc-invalid')).map((f) => f.id)).toContain(good.id);
  });
});
