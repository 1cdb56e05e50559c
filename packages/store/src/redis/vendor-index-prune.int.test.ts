import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedNewsFactor } from '../contract/builders.js';
import { createKeys } from '../keys.js';
import { createRedisTrustStore } from './redis-store.js';
import { testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

function setup() {
  const prefix = env.prefix();
  return { store: createRedisTrustStore({ redis: env.redis, prefix }), keys: createKeys(prefix) };
}

describe("a vendor's shared-factor index on the real Redis", () => {
  it('drops the entry of a factor a newer version moved to another vendor, on the read that finds it', async () => {
    const { store, keys } = setup();
    await store.putSharedFactor(sharedNewsFactor('story-1', 'supermicro'), 1);
    await store.putSharedFactor(sharedNewsFactor('story-1', 'asrock'), 2);
    const index = keys.vendorFactors('supermicro');
    expect(await env.redis.zcard(index)).toBe(1);
    expect(await store.sharedFactorsOfVendor('supermicro')).toEqual([]);
    expect(await env.redis.zcard(index)).toBe(0);
    expect(await env.redis.zrange(keys.vendorFactors('asrock'), 0, -1, 'WITHSCORES')).toEqual([
      sharedNewsFactor('story-1', 'asrock').id,
      '2',
    ]);
  });

  it('drops the entry of a factor that is gone', async () => {
    const { store, keys } = setup();
    const factor = sharedNewsFactor('story-2', 'supermicro');
    await store.putSharedFactor(factor, 1);
    await env.redis.unlink(keys.sharedFactor(factor.id));
    expect(await store.sharedFactorsOfVendor('supermicro')).toEqual([]);
    expect(await env.redis.zcard(keys.vendorFactors('supermicro'))).toBe(0);
  });

  it('keeps an entry a put re-filed after the read saw it stale, and drops it at the score the read saw', async () => {
    const { store, keys } = setup();
    const factor = sharedNewsFactor('story-3', 'supermicro');
    const index = keys.vendorFactors('supermicro');
    await store.putSharedFactor(factor, 5);
    // A read saw score 4 (stale); a put filed version 5 since: the entry stays.
    expect(await env.redis.twPruneVendorFactors(index, factor.id, '4')).toBe(0);
    expect(await store.sharedFactorsOfVendor('supermicro')).toEqual([factor]);
    expect(await env.redis.twPruneVendorFactors(index, factor.id, '5')).toBe(1);
    expect(await env.redis.zcard(index)).toBe(0);
    expect(await env.redis.twPruneVendorFactors(index, factor.id)).toBe(-1);
  });
});
