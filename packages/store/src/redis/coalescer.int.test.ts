import { integrationTargets } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { createCoalescer } from './coalescer.js';
import { connectRedis } from './connection.js';
import { countRoundTrips, testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

describe('the read coalescer on the real Redis', () => {
  it('sends the commands of calls issued in the same tick, even after resolved awaits, in one socket write', async () => {
    const prefix = env.prefix();
    await env.redis.mset(`${prefix}:a`, 'A', `${prefix}:b`, 'B', `${prefix}:c`, 'C');
    const batch = createCoalescer(env.redis);
    const trips = countRoundTrips(env.redis);
    const late = async (): Promise<unknown[]> => {
      await Promise.resolve();
      await Promise.resolve('decoded');
      return batch.send('late', (p) => p.get(`${prefix}:c`).strlen(`${prefix}:c`));
    };
    // Issued from a macrotask, as a socket's data handler delivering a Kafka batch would issue them.
    const replies = await new Promise<unknown[][]>((resolve, reject) => {
      setImmediate(() => {
        Promise.all([
          batch.send('a', (p) => p.get(`${prefix}:a`)),
          late(),
          batch.send('b', (p) => p.get(`${prefix}:b`)),
          batch.send('none', () => undefined),
        ]).then(resolve, reject);
      });
    });
    expect(trips.stop()).toBe(1);
    expect(replies).toEqual([['A'], ['C', 1], ['B'], []]);
  });

  it('sends a call made after the flush in a pipeline of its own', async () => {
    const batch = createCoalescer(env.redis);
    const trips = countRoundTrips(env.redis);
    await batch.send('first', (p) => p.ping());
    await batch.send('second', (p) => p.ping());
    expect(trips.stop()).toBe(2);
  });

  it('rejects only the caller whose command failed, as retriable, and answers the others', async () => {
    const prefix = env.prefix();
    await env.redis.set(`${prefix}:text`, 'not a hash');
    const batch = createCoalescer(env.redis);
    const [wrong, right] = await Promise.allSettled([
      batch.send('hvals', (p) => p.hvals(`${prefix}:text`)),
      batch.send('get', (p) => p.get(`${prefix}:text`)),
    ]);
    expect(wrong.status === 'rejected' ? wrong.reason : null).toMatchObject({
      code: 'UNAVAILABLE',
      retriable: true,
      message: 'Redis hvals failed',
    });
    expect(right).toEqual({ status: 'fulfilled', value: ['not a hash'] });
  });

  it('rejects only the caller whose queueing threw, with its own error', async () => {
    const batch = createCoalescer(env.redis);
    const broken = new RangeError('bad argument');
    const [thrown, fine] = await Promise.allSettled([
      batch.send('broken', () => {
        throw broken;
      }),
      batch.send('ping', (p) => p.ping()),
    ]);
    expect(thrown).toEqual({ status: 'rejected', reason: broken });
    expect(fine).toEqual({ status: 'fulfilled', value: ['PONG'] });
  });

  it('refuses queued writes while writes are held and still sends the reads of the same flush', async () => {
    const prefix = env.prefix();
    const batch = createCoalescer(env.redis, { writable: () => false });
    const [write, read] = await Promise.allSettled([
      batch.send('write', (p) => p.set(`${prefix}:held`, 'x'), { write: true }),
      batch.send('read', (p) => p.exists(`${prefix}:held`)),
    ]);
    expect(write.status === 'rejected' ? write.reason : null).toBeInstanceOf(StoreError);
    expect(write.status === 'rejected' ? write.reason : null).toMatchObject({ code: 'UNAVAILABLE' });
    expect(read).toEqual({ status: 'fulfilled', value: [0] });
  });

  it('rejects every caller of a flush as retriable when the connection is gone', async () => {
    const redis = await connectRedis({ url: integrationTargets().redisUrl });
    const batch = createCoalescer(redis);
    redis.disconnect();
    const results = await Promise.allSettled([
      batch.send('one', (p) => p.ping()),
      batch.send('two', (p) => p.ping()),
    ]);
    expect(results.map((r): unknown => (r.status === 'rejected' ? r.reason : r.value))).toEqual([
      expect.objectContaining({ code: 'UNAVAILABLE', retriable: true, message: 'Redis one failed' }),
      expect.objectContaining({ code: 'UNAVAILABLE', retriable: true, message: 'Redis two failed' }),
    ]);
  });
});
