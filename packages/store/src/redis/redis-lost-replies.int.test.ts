import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sharedNewsFactor } from '../contract/builders.js';
import { StoreError } from '../errors.js';
import { createKeys } from '../keys.js';
import type { TrustStore } from '../port.js';
import { checkDurability, connectRedis, isRedisReady } from './connection.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';
import { event, openStoreOn, T0, until } from './test-private-store.js';

// Each test freezes (SIGSTOP) or crashes its server, so each gets a private one. AOF with fsync on
// every write: what the server acknowledged survives the crash, so the test can say what must be there.
let server: PrivateRedis;
let redis: Redis;
let store: TrustStore;
let prefix: string;

async function open(commandTimeoutMs: number): Promise<void> {
  server = await startPrivateRedis({ appendonly: true, appendfsync: 'always' });
  ({ redis, store, prefix } = await openStoreOn(server.url, 'tw-lost', commandTimeoutMs));
}

/** How long a promise takes to reject, and with what. */
async function rejection(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a rejection');
}

describe('ioredis pitfalls against the store on a real server', () => {
  afterEach(async () => {
    server.signal('SIGCONT');
    redis.disconnect();
    await server.stop();
  });

  it('rejects every write path at once with a retriable error while Redis is down (no offline queue)', async () => {
    await open(2_000);
    await server.crash();
    await until(() => !isRedisReady(redis), 'the client to notice the crash');
    const factor = sharedNewsFactor('story-down', 'supermicro');
    const writes: Promise<unknown>[] = [
      store.applyMany([event('c1', 'fw-1')]),
      store.fanOut(['c1'], () => [], { shared: [{ factor, version: T0 }] }),
      store.putSharedFactor(factor, T0),
      store.replaceFleet('c1', [{ id: 'a1', vendor: 'dell', model: 'R650', components: [] }], T0),
      store.recordProgress({ topic: 'fw', partition: 0, offset: '1' }),
    ];
    for (const write of writes) {
      const { error, ms } = await rejection(write);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'UNAVAILABLE', retriable: true });
      // Far below the 2 s command timeout: nothing waited in a queue for the server to come back.
      expect(ms).toBeLessThan(250);
    }
  });

  it('rejects an apply whose reply never comes after the command timeout, and its redelivery is a duplicate', async () => {
    await open(300);
    server.signal('SIGSTOP');
    const { error, ms } = await rejection(store.applyMany([event('c1', 'fw-1')]));
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retriable: true });
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
    // The frozen server still holds the command; once it resumes it runs it, unseen by the caller.
    server.signal('SIGCONT');
    const [redelivered] = await store.applyMany([event('c1', 'fw-1')]);
    expect(redelivered?.status).toBe('duplicate');
    expect(await redis.xlen(createKeys(prefix).customer('c1').feed)).toBe(1);
  });

  it('rejects an apply caught in flight by a crash as retriable long before its command timeout', async () => {
    await open(10_000);
    server.signal('SIGSTOP');
    const inFlight = rejection(store.applyMany([event('c1', 'fw-1')]));
    await sleep(50);
    await server.crash();
    const { error, ms } = await inFlight;
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retriable: true });
    expect((error as StoreError).cause).toMatchObject({ name: 'MaxRetriesPerRequestError' });
    expect(ms).toBeLessThan(5_000);
    // The frozen server never ran it: after the restart the redelivery applies it, once.
    await server.start();
    await until(() => isRedisReady(redis), 'the store to reconnect');
    const first = await store.applyMany([event('c1', 'fw-1')]);
    const again = await store.applyMany([event('c1', 'fw-1')]);
    expect([first[0]?.status, again[0]?.status]).toEqual(['applied', 'duplicate']);
  });
});

describe('durability settings the store relies on', () => {
  let misconfigured: PrivateRedis;
  beforeAll(async () => {
    misconfigured = await startPrivateRedis({ config: [['maxmemory-policy', 'allkeys-lru']] });
  });
  afterAll(() => misconfigured.stop());

  it('names every missing requirement when the server may evict keys or has no AOF', async () => {
    const client = await connectRedis({ url: misconfigured.url });
    const warnings: object[] = [];
    const log = { info: () => undefined, error: () => undefined, warn: (f: object) => warnings.push(f) };
    try {
      expect(await checkDurability(client, log)).toEqual([
        'appendonly is no, expected yes',
        'maxmemory-policy is allkeys-lru, expected noeviction',
      ]);
      expect(warnings).toHaveLength(1);
    } finally {
      await client.quit();
    }
  });
});
