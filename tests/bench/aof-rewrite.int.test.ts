import { connectRedis } from '@trustwatch/store';
import { integrationTargets } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../bench/src/redis-link.js';
import { rewriteAofNow } from '../../bench/src/slowlog.js';

const field = (info: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1]);

describe('the AOF rewrite before a SLOWLOG window', () => {
  let redis: RedisClient;
  beforeAll(async () => {
    redis = await connectRedis({ url: integrationTargets().redisUrl });
  });
  afterAll(() => {
    redis.disconnect();
  });

  it('forks one rewrite and returns once it finished, also when called twice in a row', async () => {
    // The test Redis runs with AOF on, as the store requires.
    expect(field(await redis.info('persistence'), 'aof_enabled')).toBe(1);
    const forksBefore = field(await redis.info('stats'), 'total_forks');
    await rewriteAofNow(redis);
    await rewriteAofNow(redis);
    const persistence = await redis.info('persistence');
    expect(field(persistence, 'aof_rewrite_in_progress')).toBe(0);
    expect(field(persistence, 'aof_rewrite_scheduled')).toBe(0);
    expect(field(await redis.info('stats'), 'total_forks')).toBeGreaterThanOrEqual(forksBefore + 2);
  });
});
