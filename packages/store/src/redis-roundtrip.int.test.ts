import { integrationTargets } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { checkDurability, connectRedis, isRedisReady } from './redis/connection.js';
import { openRedisTrustStore } from './redis/open.js';

describe('redis round trip', () => {
  it('stores and reads back a value through the real server with the production client settings', async () => {
    const redis = await connectRedis({ url: integrationTargets().redisUrl });
    const key = `twtest:roundtrip:${String(process.pid)}:${String(Date.now())}`;
    try {
      expect(isRedisReady(redis)).toBe(true);
      const value = JSON.stringify({ customer: 'acme', score: 72.5, at: new Date().toISOString() });
      await redis.set(key, value, 'PX', 60_000);
      expect(await redis.get(key)).toBe(value);
      expect(redis.options.enableOfflineQueue).toBe(false);
      expect(redis.options.commandTimeout).toBeGreaterThan(0);
    } finally {
      await redis.del(key);
      await redis.quit();
    }
  });

  it('finds the durability the store requires (AOF everysec, noeviction) on the integration server', async () => {
    const redis = await connectRedis({ url: integrationTargets().redisUrl });
    try {
      expect(await checkDurability(redis)).toEqual([]);
    } finally {
      await redis.quit();
    }
  });

  it('opens a ready trust store on its own client and reports not-ready once closed', async () => {
    const prefix = `twtest:open:${String(process.pid)}:${String(Date.now())}`;
    const store = await openRedisTrustStore({ url: integrationTargets().redisUrl, prefix });
    expect(store.isReady()).toBe(true);
    await store.recordProgress({ topic: 'fw', partition: 0, offset: '3' });
    expect(await store.resumeOffsets('fw')).toEqual(new Map([[0, '4']]));
    const cleanup = await connectRedis({ url: integrationTargets().redisUrl });
    await cleanup.unlink(`${prefix}:progress:{fw}`);
    await cleanup.quit();
    await store.close();
    expect(store.isReady()).toBe(false);
  });

  it('fails fast with a retriable error when Redis cannot be reached', async () => {
    await expect(connectRedis({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 500 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retriable: true,
    });
  });
});
