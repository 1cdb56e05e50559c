import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { connectRedis } from '../redis/connection.js';
import { scanKeys } from '../redis/test-redis.js';
import { createIngestKeys } from './ingest-keys.js';
import { loadIngestSnapshotScripts, registerIngestSnapshotScripts } from './ingest-scripts.js';
import { createRedisIngestSnapshots } from './redis-ingest-snapshots.js';

// Script-level checks of the ingest snapshot store; ingest-supplier runs its SupplierSnapshots contract on it too.
describe('redis ingest snapshot store', () => {
  let redis: Redis;
  const prefix = `twtest:${uniqueName('ingest')}`;
  const open = (service: string) => createRedisIngestSnapshots(redis, { prefix, service });

  beforeAll(async () => {
    redis = await connectRedis({ url: integrationTargets().redisUrl });
    registerIngestSnapshotScripts(redis);
    await loadIngestSnapshotScripts(redis);
  });
  afterAll(async () => {
    const found = await scanKeys(redis, `${prefix}:*`);
    if (found.length > 0) await redis.unlink(...found);
    await redis.quit();
  });

  it('keeps the keys of one service in one Cluster slot', async () => {
    const keys = createIngestKeys(prefix, 'tag-check');
    const slots = new Set<number>();
    for (const key of [keys.snapshots, keys.leases, keys.handled]) {
      slots.add(Number(await redis.call('CLUSTER', 'KEYSLOT', key).catch(() => -1)));
    }
    // A non-cluster server refuses CLUSTER KEYSLOT; the hash tag is then checked on the strings.
    if (slots.has(-1)) {
      for (const key of Object.values(keys)) expect(key).toContain('ingest:{tag-check}:');
    } else {
      expect(slots.size).toBe(1);
    }
  });

  it('returns the snapshot of the first key that has one, with its version there', async () => {
    const store = open('lookup');
    expect(await store.put([{ key: 'ref:a', version: 7 }], '{"v":7}')).toBe('stored');
    expect(await store.get(['serial:x', 'ref:a'])).toEqual({ key: 'ref:a', version: 7, payload: '{"v":7}' });
    expect(await store.get(['serial:x'])).toBeUndefined();
  });

  it('refuses a put older than what any of its keys holds and writes none of them', async () => {
    const store = open('versions');
    await store.put([{ key: 'serial:s', version: 3 }], 'v3');
    const stale = await store.put(
      [
        { key: 'ref:r', version: 2 },
        { key: 'serial:s', version: 2 },
      ],
      'v2',
    );
    expect(stale).toBe('stale');
    expect(await store.get(['ref:r'])).toBeUndefined();
    expect(await store.put([{ key: 'serial:s', version: 3 }], 'v3 again')).toBe('stored');
    expect((await store.get(['serial:s']))?.payload).toBe('v3 again');
  });

  it('lets one owner at a time claim a product until it puts or the lease runs out', async () => {
    const store = open('leases');
    const keys = ['serial:p', 'ref:p'];
    expect(await store.claim(keys, { owner: 'a', leaseMs: 60_000 })).toEqual({
      status: 'claimed',
      snapshot: undefined,
    });
    expect(await store.claim(['ref:p'], { owner: 'b', leaseMs: 60_000 })).toEqual({
      status: 'busy',
      holder: 'a',
    });
    expect((await store.claim(keys, { owner: 'a', leaseMs: 60_000 })).status).toBe('claimed');
    await store.put(
      keys.map((key) => ({ key, version: 1 })),
      'p1',
      { owner: 'a' },
    );
    expect(await store.claim(keys, { owner: 'b', leaseMs: 50 })).toEqual({
      status: 'claimed',
      snapshot: { key: 'serial:p', version: 1, payload: 'p1' },
    });
    await new Promise((done) => setTimeout(done, 80));
    expect((await store.claim(keys, { owner: 'c', leaseMs: 60_000 })).status).toBe('claimed');
  });

  it('keeps a stale put from releasing the lease of the owner who got further', async () => {
    const store = open('stale-release');
    await store.put([{ key: 'k', version: 5 }], 'v5');
    await store.claim(['k'], { owner: 'a', leaseMs: 60_000 });
    expect(await store.put([{ key: 'k', version: 4 }], 'v4', { owner: 'a' })).toBe('stale');
    expect(await store.claim(['k'], { owner: 'b', leaseMs: 60_000 })).toEqual({
      status: 'busy',
      holder: 'a',
    });
  });

  it('remembers handled inputs per service', async () => {
    const one = open('handled-one');
    await one.markHandled('file_1');
    expect(await one.isHandled('file_1')).toBe(true);
    expect(await one.isHandled('file_2')).toBe(false);
    expect(await open('handled-two').isHandled('file_1')).toBe(false);
  });

  it('refuses empty keys and fractional versions as INVALID_ARGUMENT before writing', async () => {
    const store = open('bad-args');
    await expect(store.get([])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', retriable: false });
    await expect(store.put([{ key: 'k', version: 1.5 }], 'x')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.put([{ key: 'k', version: 1 }], '')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.claim(['k'], { owner: '', leaseMs: 10 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.claim(['k'], { owner: 'a', leaseMs: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await store.get(['k'])).toBeUndefined();
  });

  it('reports a value it did not write as CORRUPT_STATE', async () => {
    const store = open('corrupt');
    await redis.hset(createIngestKeys(prefix, 'corrupt').snapshots, 'k', 'no version');
    await expect(store.get(['k'])).rejects.toMatchObject({ code: 'CORRUPT_STATE' });
  });
});
