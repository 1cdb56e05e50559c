import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueName } from '@trustwatch/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAt, customerFactor, sharedNewsFactor, summaryAt } from '../contract/builders.js';
import type { TrustStore } from '../port.js';
import { connectRedis } from './connection.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';
import { createRedisTrustStore } from './redis-store.js';
import { countRoundTrips } from './test-redis.js';
import { loadScripts, registerScripts } from './scripts.js';

// A single-node Redis Cluster owning every slot: the server refuses, with CROSSSLOT, any script or
// multi-key command whose keys hash to different slots, as a real cluster would.
let server: PrivateRedis;
let redis: Redis;
let store: TrustStore;

beforeAll(async () => {
  server = await startPrivateRedis({ config: [['cluster-enabled', 'yes']] });
  const admin = new Redis(server.url);
  await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  const deadline = Date.now() + 10_000;
  while (!String(await admin.call('CLUSTER', 'INFO')).includes('cluster_state:ok')) {
    if (Date.now() > deadline) throw new Error('single-node cluster did not become ready');
    await sleep(20);
  }
  await admin.quit();
  redis = await connectRedis({ url: server.url });
  registerScripts(redis);
  await loadScripts(redis);
  store = createRedisTrustStore({ redis, prefix: uniqueName('tw-cluster'), limits: { chunkSize: 50 } });
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

const T0 = 1_790_000_000_000;

describe('store keys on a Redis Cluster node', () => {
  it('refuses a script whose keys span two slots, so the checks below can fail', async () => {
    await expect(redis.eval('return 1', 2, '{a}x', '{b}x')).rejects.toThrow(/CROSSSLOT/);
  });

  it('runs every write and read path without a cross-slot call', async () => {
    const customers = Array.from({ length: 120 }, (_, i) => `cust-{${String(i)}}:x`);
    const factor = sharedNewsFactor('story-cluster', 'supermicro');
    const fleet = [
      { id: 'a1', vendor: 'supermicro', model: 'X12', components: [] },
      { id: 'a2', vendor: 'dell', model: 'R650', components: [] },
    ];
    for (const c of customers.slice(0, 3)) {
      await store.replaceFleet(c, fleet, T0);
      await store.replaceFleet(c, fleet.slice(0, 1), T0 + 1);
    }
    const outcomes = await store.applyMany(
      customers.map((c) => ({
        customerId: c,
        eventId: 'fw-1',
        version: T0,
        factors: [customerFactor(c, 'bmc')],
        exposures: [{ factorId: factor.id, customerId: c, exposure: 1, vendorExposure: 1 }],
        summary: summaryAt(c, T0, 70),
        change: changeAt(c, T0, 80, 70),
        position: { topic: 'fw', partition: 0, offset: '1' },
      })),
      { shared: [{ factor, version: T0 }], progress: { topic: 'fw', partition: 0, offset: '1' } },
    );
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
    const fanned = await store.fanOut(
      customers,
      (snapshots) => snapshots.map((s) => ({ customerId: s.customerId, eventId: 'news-2', version: T0 + 1 })),
      { progress: { topic: 'news', partition: 1, offset: '9' } },
    );
    expect(fanned.every((o) => o.status === 'applied')).toBe(true);
    expect(await store.putSharedFactor({ ...factor, credibility: 0.9 }, T0 + 2)).toBe(true);
    await store.recordProgress({ topic: 'fw', partition: 1, offset: '4' });
    const last = customers.at(-1) ?? '';
    expect((await store.getFactors(last)).map((f) => f.credibility).sort()).toEqual([0.9, 1]);
    expect((await store.feed(last, { limit: 5 })).entries).toHaveLength(1);
    expect(await store.summaryAsOf(last, T0)).toMatchObject({ customerId: last });
    expect(await store.getFleet(customers[0] ?? '')).toHaveLength(1);
    expect(await store.resumeOffsets('fw')).toEqual(
      new Map([
        [0, '2'],
        [1, '5'],
      ]),
    );
  });
  it('records a conditional position, refused as cross-slot, with one more round trip when nobody conflicted', async () => {
    const customers = Array.from({ length: 60 }, (_, i) => `cust-{${String(i)}}:pic`);
    const rescore = (snapshots: readonly { customerId: string }[]) =>
      snapshots.map((s) => ({ customerId: s.customerId, eventId: 'news-9', version: T0 }));
    const position = { topic: 'news', partition: 4, offset: '20' };
    const trips = countRoundTrips(redis);
    const clean = await store.fanOutWithProgress(customers, rescore, { progressIfClean: position });
    expect(trips.stop()).toBe(Math.ceil(60 / 50) + 1 + 1);
    expect(clean.progressRecorded).toBe(true);
    expect((await store.resumeOffsets('news')).get(4)).toBe('21');
    const raced = customers[0] ?? '';
    let other: Promise<unknown> = Promise.resolve();
    const lost = await store.fanOutWithProgress(
      [raced],
      (snapshots) => {
        other = store.applyMany([{ customerId: raced, eventId: 'other-9', version: T0 }]);
        return rescore(snapshots).map((e) => ({ ...e, eventId: 'news-10' }));
      },
      { progressIfClean: { ...position, offset: '30' } },
    );
    await other;
    expect(lost.outcomes.map((o) => o.status)).toEqual(['conflict']);
    expect(lost.progressRecorded).toBe(false);
    expect((await store.resumeOffsets('news')).get(4)).toBe('21');
  });
});
