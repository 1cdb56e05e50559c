import type { RedisIngestSnapshots } from '@trustwatch/store';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { testIngestRedis, type TestIngestRedis } from '../test-support/redis-snapshots.js';
import { createRedisSupplierSnapshots, type IngestSnapshotStore } from './redis-snapshot-state.js';
import {
  BOM_V1,
  BOM_V2,
  bomEntry,
  FEED_AFTER,
  FEED_BEFORE,
  registryEntry,
  supplierSnapshotsContract,
} from './snapshot-state.contract.js';
import { bomKeys, registryKey, type SupplierSnapshots } from './snapshot-state.js';

let redis: TestIngestRedis;
beforeAll(async () => {
  redis = await testIngestRedis();
});
afterAll(async () => {
  await redis.cleanup();
});

supplierSnapshotsContract('the Redis', () => Promise.resolve(createRedisSupplierSnapshots(redis.store())));

describe('the Redis snapshot state shared by several instances', () => {
  it('is built on the store type as it is: the structural slice still fits', () => {
    expectTypeOf<RedisIngestSnapshots>().toExtend<IngestSnapshotStore>();
    expectTypeOf(createRedisSupplierSnapshots).returns.toEqualTypeOf<SupplierSnapshots>();
  });

  it('makes a second instance wait, retriably, while the first is applying the same product', async () => {
    const first = createRedisSupplierSnapshots(redis.store(), { owner: 'one' });
    const second = createRedisSupplierSnapshots(redis.sameStore(), { owner: 'two' });
    const v1 = bomEntry(BOM_V1);
    const keys = bomKeys(v1.snapshot);
    expect(await first.get(keys)).toBeUndefined();
    const refused = await second.get(keys).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', retriable: true });
    await first.put(keys, v1);
    expect(await second.get(keys)).toEqual(v1);
  });

  it('lets a product be taken over once the lease of an instance that stopped runs out', async () => {
    const crashed = createRedisSupplierSnapshots(redis.store(), { owner: 'crashed', leaseMs: 50 });
    const survivor = createRedisSupplierSnapshots(redis.sameStore(), { owner: 'survivor' });
    const key = registryKey('supermicro');
    await crashed.get([key]);
    await new Promise((done) => setTimeout(done, 80));
    expect(await survivor.get([key])).toBeUndefined();
  });

  it('never replaces a newer snapshot with an older one written late by an instance whose lease ran out', async () => {
    const late = createRedisSupplierSnapshots(redis.store(), { owner: 'late', leaseMs: 1 });
    const current = createRedisSupplierSnapshots(redis.sameStore(), { owner: 'current' });
    const key = registryKey('supermicro');
    await current.put([key], registryEntry(FEED_AFTER));
    await late.put([key], registryEntry(FEED_BEFORE));
    expect(await current.get([key])).toEqual(registryEntry(FEED_AFTER));
    const v2 = bomEntry(BOM_V2);
    await current.put(bomKeys(v2.snapshot), v2);
    await late.put(bomKeys(v2.snapshot), bomEntry(BOM_V1));
    expect(await current.get(bomKeys(v2.snapshot))).toEqual(v2);
  });

  it('shares handled-file markers between instances', async () => {
    const first = createRedisSupplierSnapshots(redis.store());
    const second = createRedisSupplierSnapshots(redis.sameStore());
    await first.markHandled('file_shared');
    expect(await second.handled('file_shared')).toBe(true);
  });
});
