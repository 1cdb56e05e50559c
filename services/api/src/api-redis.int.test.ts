import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { openRedisTrustStore } from '@trustwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Test support of the store package, outside its public index on purpose.
import { purgeKeyPrefix } from '../../../packages/store/src/contract/purge-prefix.js';
import { buildWorld, NOW, summary, type World } from './test-support/world.js';

let world: World;
let store: Awaited<ReturnType<typeof openRedisTrustStore>>;
// A unique key prefix isolates this run from every other user of the shared Redis.
const prefix = uniqueName('twtest-api');

beforeAll(async () => {
  store = await openRedisTrustStore({ url: integrationTargets().redisUrl, prefix, checkDurability: false });
  world = await buildWorld({ store, readiness: { redis: () => Promise.resolve(store.isReady()) } });
});
afterAll(async () => {
  await world.app.close();
  await store.close();
  await purgeKeyPrefix({ url: integrationTargets().redisUrl, prefix });
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
    // Two entries, one per page: the second page is the last, so it hands out no cursor.
    expect(second.next).toBeNull();
  });

  it('lists the customers Redis knows to security, store-only ones included, and their history', async () => {
    await store.applyMany(
      [0, 1, 2].map((i) => ({
        customerId: 'initech',
        eventId: `evt-initech-${String(i)}`,
        version: NOW - (3 - i) * 3_600_000,
        summary: summary('initech', NOW - (3 - i) * 3_600_000, 60 + i, 'hpe'),
      })),
    );
    const page = (await get('/v1/customers?limit=2', world.keys.security)).json<{
      items: { id: string }[];
      next: string;
    }>();
    const rest = (await get(`/v1/customers?limit=2&cursor=${page.next}`, world.keys.security)).json<{
      items: { id: string; name: string }[];
      next: string | null;
    }>();
    expect([...page.items, ...rest.items].map((c) => c.id)).toEqual(['acme', 'globex', 'initech']);
    expect(rest).toMatchObject({ items: [{ id: 'initech', name: 'initech' }], next: null });
    const history = await get(
      `/v1/customers/initech/trust/history?from=${new Date(NOW - 2.5 * 3_600_000).toISOString()}`,
      world.keys.security,
    );
    const scores = history
      .json<{ items: { overall: { score: number } }[] }>()
      .items.map((s) => s.overall.score);
    expect(scores).toEqual([60, 61, 62]);
    expect((await get('/v1/customers/initech/trust', world.keys.alice)).statusCode).toBe(404);
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
