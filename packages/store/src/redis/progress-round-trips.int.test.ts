import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerFactor, summaryAt } from '../contract/builders.js';
import type { CustomerSnapshot, KafkaPosition, TrustStore } from '../port.js';
import { createRedisTrustStore } from './redis-store.js';
import { countRoundTrips, testRedis } from './test-redis.js';

const T0 = 1_790_000_000_000;
let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const position = (offset: string): KafkaPosition => ({ topic: 'news', partition: 0, offset });
const rescore = (snapshots: readonly CustomerSnapshot[]) =>
  snapshots.map((s) => ({
    customerId: s.customerId,
    eventId: 'news-1',
    version: T0,
    summary: summaryAt(s.customerId, T0, 70),
  }));
const customers = (n: number) => Array.from({ length: n }, (_, i) => `c-${String(i)}`);

function freshStore(chunkSize = 1000): TrustStore {
  return createRedisTrustStore({ redis: env.redis, prefix: env.prefix(), limits: { chunkSize } });
}

describe('a conditional Kafka position on the real Redis', () => {
  it('rides with the last chunk of a clean fan-out at no round trip of its own', async () => {
    const store = freshStore(2);
    const trips = countRoundTrips(env.redis);
    const result = await store.fanOutWithProgress(customers(5), rescore, { progressIfClean: position('9') });
    expect(trips.stop()).toBe(Math.ceil(5 / 2) + 1);
    expect(result.progressRecorded).toBe(true);
    expect(await store.resumeOffsets('news')).toEqual(new Map([[0, '10']]));
  });

  it('costs the same round trips and records nothing when a customer of the last chunk conflicted', async () => {
    const store = freshStore();
    const trips = countRoundTrips(env.redis);
    let raced: Promise<unknown> = Promise.resolve();
    const result = await store.fanOutWithProgress(
      customers(3),
      (snapshots) => {
        raced = store.applyMany([
          { customerId: 'c-1', eventId: 'other', version: T0, factors: [customerFactor('c-1', 'fw')] },
        ]);
        return rescore(snapshots);
      },
      { progressIfClean: position('9') },
    );
    await raced;
    // Two for the fan-out, one for the racing apply.
    expect(trips.stop()).toBe(3);
    expect(result.outcomes.map((o) => o.status)).toEqual(['applied', 'conflict', 'applied']);
    expect(result.progressRecorded).toBe(false);
    expect(await store.resumeOffsets('news')).toEqual(new Map());
  });

  it('stores the shared factors and the position of a fan-out to nobody in one round trip', async () => {
    const store = freshStore();
    const trips = countRoundTrips(env.redis);
    const result = await store.fanOutWithProgress([], rescore, { progressIfClean: position('4') });
    expect(trips.stop()).toBe(1);
    expect(result.progressRecorded).toBe(true);
    expect(await store.resumeOffsets('news')).toEqual(new Map([[0, '5']]));
  });

  it('applies a batch of 1:1 events and its position in one round trip', async () => {
    const store = freshStore();
    const trips = countRoundTrips(env.redis);
    const outcomes = await store.applyMany(
      customers(50).map((customerId) => ({ customerId, eventId: 'fw-1', version: T0, expectedRevision: 0 })),
      { progressIfClean: { topic: 'fw', partition: 1, offset: '77' } },
    );
    expect(trips.stop()).toBe(1);
    expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
    expect(await store.resumeOffsets('fw')).toEqual(new Map([[1, '78']]));
  });
});
