import { integrationTargets } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTrustStore } from '../redis/redis-store.js';
import { scanKeys, testRedis } from '../redis/test-redis.js';
import { summaryAt } from './builders.js';
import { purgeKeyPrefix } from './purge-prefix.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

async function seed(prefix: string): Promise<void> {
  const store = createRedisTrustStore({ redis: env.redis, prefix });
  await store.applyMany([
    { customerId: 'acme', eventId: 'e', version: 1, summary: summaryAt('acme', 1_000, 80) },
  ]);
  await store.replaceFleet('acme', [{ id: 'a1', vendor: 'dell', model: 'R650', components: [] }], 1);
}

describe('purging a test key prefix', () => {
  it('deletes every key written under one prefix and none under another', async () => {
    const [mine, theirs] = [env.prefix(), env.prefix()];
    await seed(mine);
    await seed(theirs);
    const before = await scanKeys(env.redis, `${mine}:*`);
    expect(before.length).toBeGreaterThan(3);
    const { redisUrl } = integrationTargets();
    expect(await purgeKeyPrefix({ url: redisUrl, prefix: mine })).toBe(before.length);
    expect(await scanKeys(env.redis, `${mine}:*`)).toEqual([]);
    expect((await scanKeys(env.redis, `${theirs}:*`)).length).toBe(before.length);
  });

  it('refuses an empty prefix and one with glob or hash-tag characters', async () => {
    const { redisUrl } = integrationTargets();
    await expect(purgeKeyPrefix({ url: redisUrl, prefix: '' })).rejects.toThrow(RangeError);
    await expect(purgeKeyPrefix({ url: redisUrl, prefix: ':' })).rejects.toThrow(RangeError);
    await expect(purgeKeyPrefix({ url: redisUrl, prefix: 'tw*' })).rejects.toThrow(RangeError);
  });
});
