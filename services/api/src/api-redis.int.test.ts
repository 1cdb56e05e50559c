import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { openRedisTrustStore } from '@trustwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, NOW, type World } from './test-support/world.js';

let world: World;
let store: Awaited<ReturnType<typeof openRedisTrustStore>>;

beforeAll(async () => {
  // A unique key prefix isolates this run from every other user of the shared Redis.
  store = await openRedisTrustStore({
    url: integrationTargets().redisUrl,
    prefix: uniqueName('twtest-api'),
    checkDurability: false,
  });
  world = await buildWorld({ store, readiness: { redis: () => Promise.resolve(store.isReady()) } });
});
afterAll(async () => {
  await world.app.close();
  await store.close();
});

const get = (url: string, key: string) =>
  world.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });

describe('the API on the real Redis trust store', () => {
  it('serves current and as-of scores and pages the feed with cursors the Redis adapter issued', async () => {
    expect(
      (await get('/v1/customers/acme/trust', world.keys.alice)).json<{ overall: { score: number } }>().overall
        .score,
    ).toBe(70);
    const past = await get(
      `/v1/customers/acme/trust?at=${new Date(NOW - 36 * 3_600_000).toISOString()}`,
      world.keys.alice,
    );
    expect(past.json<{ overall: { score: number } }>().overall.score).toBe(90);
    const first = (await get('/v1/customers/acme/feed?limit=1', world.keys.alice)).json<{
      items: { id: string }[];
      next: string;
    }>();
    const second = (
      await get(`/v1/customers/acme/feed?limit=1&cursor=${first.next}`, world.keys.alice)
    ).json<{ items: { id: string }[]; next: string | null }>();
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    // The Redis adapter may hand out a cursor on the last page; following it yields nothing more.
    if (second.next !== null) {
      const third = await get(`/v1/customers/acme/feed?limit=1&cursor=${second.next}`, world.keys.alice);
      expect(third.json<{ items: unknown[] }>().items).toEqual([]);
    }
  });

  it("keeps tenants apart: an account manager gets 404 for another customer's trust, feed and fleet", async () => {
    for (const path of ['trust', 'feed', 'fleet/assets', 'trust/breakdown']) {
      const res = await get(`/v1/customers/globex/${path}`, world.keys.alice);
      expect(res.statusCode, path).toBe(404);
      expect(res.body).not.toContain('globex-marker');
    }
  });

  it('imports a CSV fleet into Redis and lists it back, and reports Redis ready', async () => {
    const csv =
      'asset_id,vendor,model,component_id,component_kind,version,hashes\nsrv-9,Supermicro,X12,BMC,bmc,01.01.10,sha256:' +
      'a'.repeat(64) +
      '\n';
    const res = await world.app.inject({
      method: 'POST',
      url: `/v1/customers/acme/fleet?version=${String(NOW + 1)}`,
      headers: { 'x-api-key': world.keys.admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.json<{ added: string[] }>().added).toEqual(['srv-9']);
    const assets = (await get('/v1/customers/acme/fleet/assets', world.keys.alice)).json<{
      items: { id: string }[];
    }>();
    expect(assets.items.map((a) => a.id)).toEqual(['srv-9']);
    expect((await world.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});
