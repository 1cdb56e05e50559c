import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { createKeys } from '../keys.js';
import type { TrustStore } from '../port.js';
import { isRedisReady } from './connection.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';
import { event, openStoreOn, until } from './test-private-store.js';

// A failover changes which server accepts writes; the shared Redis must not be turned into a replica,
// so two private servers play the old and the new primary.
let primary: PrivateRedis;
let demoted: PrivateRedis;
let admin: Redis;
let redis: Redis;
let store: TrustStore;
let prefix: string;

beforeAll(async () => {
  primary = await startPrivateRedis();
  demoted = await startPrivateRedis();
  admin = new Redis(demoted.url);
  ({ redis, store, prefix } = await openStoreOn(demoted.url, 'tw-failover'));
});
afterAll(async () => {
  redis.disconnect();
  await admin.quit();
  await demoted.stop();
  await primary.stop();
});

describe('a store whose server was demoted to a replica by a failover', () => {
  it('fails writes as retriable, reconnects, and applies the redelivery once the server is primary again', async () => {
    await admin.replicaof('127.0.0.1', primary.port);
    let reconnects = 0;
    redis.on('ready', () => (reconnects += 1));
    const error: unknown = await store.applyMany([event('c1', 'fw-1')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retriable: true });
    // Only reconnectOnError's READONLY rule drops a healthy connection: the next write goes out on a fresh
    // one. (Its resend cannot happen without an offline queue, so the caller gets the retriable error.)
    await until(() => reconnects > 0 && isRedisReady(redis), 'the client to reconnect after READONLY');

    await admin.replicaof('NO', 'ONE');
    const first = await store.applyMany([event('c1', 'fw-1')]);
    const again = await store.applyMany([event('c1', 'fw-1')]);
    expect([first[0]?.status, again[0]?.status]).toEqual(['applied', 'duplicate']);
    expect(await admin.xlen(createKeys(prefix).customer('c1').feed)).toBe(1);
  });
});
