import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { connectRedis } from '../redis/connection.js';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { scanKeys } from '../redis/test-redis.js';
import { loadOutboxScripts, registerOutboxScripts } from './outbox-scripts.js';
import { createRedisOutbox } from './redis-outbox.js';
import { createOutboxKeys } from './outbox-keys.js';

// Script-level checks of the Redis outbox; the alerter runs its full OutboxPort contract against it too.
describe('redis outbox scripts', () => {
  let redis: Redis;
  const prefix = `twtest:${uniqueName('outbox')}`;

  beforeAll(async () => {
    redis = await connectRedis({ url: integrationTargets().redisUrl });
    registerOutboxScripts(redis);
    await loadOutboxScripts(redis);
  });
  afterAll(async () => {
    const found = await scanKeys(redis, `${prefix}:*`);
    if (found.length > 0) await redis.unlink(...found);
    await redis.quit();
  });

  it('keeps every key of one outbox in one Cluster slot', async () => {
    const keys = createOutboxKeys(prefix, 'tag-check');
    const slots = new Set<number>();
    for (const key of [
      keys.unit('msg_1'),
      keys.due,
      keys.log,
      keys.logOfCustomer('a'),
      keys.logOfReceiver('r'),
      keys.disabled,
    ]) {
      slots.add(Number(await redis.call('CLUSTER', 'KEYSLOT', key).catch(() => -1)));
    }
    // A non-cluster server refuses CLUSTER KEYSLOT; the hash tag is then checked on the strings.
    if (slots.has(-1)) {
      for (const key of [keys.unit('msg_1'), keys.due, keys.disabled])
        expect(key).toContain('outbox:{tag-check}:');
    } else {
      expect(slots.size).toBe(1);
    }
  });

  it('refuses a claim with a non-integer limit before writing anything', async () => {
    const outbox = createRedisOutbox({ redis, prefix, name: 'bad-args' });
    await expect(outbox.claim({ now: 1, limit: 1.5, leaseMs: 10, owner: 'w' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('records a completion only once: a replayed complete after the lease is released is lease-lost', async () => {
    const outbox = createRedisOutbox({ redis, prefix, name: 'replay' });
    const unit = {
      id: 'msg_replay',
      notificationId: 'ntf_1',
      receiver: 'r',
      customer: 'c',
      payload: '{}',
      createdAt: 1000,
    };
    await outbox.enqueue([unit]);
    await outbox.claim({ now: 2000, limit: 1, leaseMs: 100, owner: 'w' });
    const completion = {
      owner: 'w',
      now: 2050,
      status: 'sent' as const,
      attempt: { at: 2050, outcome: 'sent' as const },
    };
    expect(await outbox.complete(unit.id, completion)).toBe('recorded');
    expect(await outbox.complete(unit.id, completion)).toBe('lease-lost');
    expect((await outbox.get(unit.id))?.attempts).toHaveLength(1);
  });

  it('expires finished units and trims log entries older than the retention', async () => {
    const outbox = createRedisOutbox({ redis, prefix, name: 'retention', retentionMs: 60_000 });
    const keys = createOutboxKeys(prefix, 'retention');
    const base = { notificationId: 'ntf', receiver: 'r', customer: 'c', payload: '{}' };
    await outbox.enqueue([{ ...base, id: 'msg_old', createdAt: 1_000 }]);
    await outbox.claim({ now: 2_000, limit: 1, leaseMs: 100, owner: 'w' });
    await outbox.complete('msg_old', {
      owner: 'w',
      now: 2_050,
      status: 'sent',
      attempt: { at: 2_050, outcome: 'sent' },
    });
    const ttl = await redis.pttl(keys.unit('msg_old'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await outbox.enqueue([{ ...base, id: 'msg_new', createdAt: 100_000 }]);
    expect(await redis.zrange(keys.log, 0, -1)).toEqual(['msg_new']);
    expect(await redis.zrange(keys.logOfCustomer('c'), 0, -1)).toEqual(['msg_new']);
  });
});
