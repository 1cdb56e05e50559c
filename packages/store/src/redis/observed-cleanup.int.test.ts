import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '../keys.js';
import type { Asset } from '../port.js';
import { createRedisTrustStore } from './redis-store.js';
import { testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const board = (id: string): Asset => ({
  id,
  vendor: 'supermicro',
  model: 'X12',
  components: [{ id: 'BMC', kind: 'bmc', version: '2.0', hashes: [] }],
});

describe('last-observation times of boards a fleet import removed, on the real Redis', () => {
  it('forgets those the import version covers and keeps those newer than the import', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    const observed = createKeys(prefix).customer('acme').observed;
    const boards = Array.from({ length: 1_200 }, (_, i) => board(`b-${String(i)}`));
    await store.replaceFleet('acme', boards, 1_000);
    await Promise.all(boards.map((b, i) => store.upsertObservedAsset('acme', b, i === 0 ? 9_000 : 2_000)));
    expect(await env.redis.hlen(observed)).toBe(1_200);
    // Keeps b-0 (observed at 9 s, after the import at 5 s) and b-1199, still listed.
    await store.replaceFleet('acme', boards.slice(-1), 5_000);
    expect((await env.redis.hkeys(observed)).sort()).toEqual(['b-0', 'b-1199']);
  });

  it('keeps the time of a board re-added before the cleanup ran', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    const keys = createKeys(prefix).customer('globex');
    await store.replaceFleet('globex', [board('a')], 1_000);
    await store.upsertObservedAsset('globex', board('a'), 2_000);
    await store.replaceFleet('globex', [], 5_000);
    await store.upsertObservedAsset('globex', board('a'), 6_000);
    expect(await env.redis.twForgetObserved(keys.assets, keys.observed, keys.fleetMeta, 'a')).toBe(0);
    expect(await env.redis.hget(keys.observed, 'a')).toBe('6000');
  });
});
