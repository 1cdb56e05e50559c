import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { connectRedis } from '../redis/connection.js';
import { scanKeys } from '../redis/test-redis.js';
import { loadIngestSnapshotScripts, registerIngestSnapshotScripts } from './ingest-scripts.js';
import { createRedisIngestSnapshots } from './redis-ingest-snapshots.js';

const KEYS = ['serial:a', 'ref:a', 'registry:f'];

// A put writes every key it names, or none when one of them holds a newer version.
const putSpec = fc.record({
  keys: fc.subarray(KEYS, { minLength: 1 }),
  version: fc.integer({ min: -3, max: 20 }),
});

describe('redis ingest snapshot versions (property)', () => {
  let redis: Redis;
  const prefix = `twtest:${uniqueName('ingest-prop')}`;
  let run = 0;

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

  it('ends with what an all-or-nothing, newest-wins model of the same puts holds, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(putSpec, { maxLength: 12 }), async (puts) => {
        const store = createRedisIngestSnapshots(redis, { prefix, service: `run-${String(++run)}` });
        const model = new Map<string, { version: number; payload: string }>();
        for (const [index, put] of puts.entries()) {
          const payload = `p${String(index)}`;
          const fresh = put.keys.every((key) => (model.get(key)?.version ?? -Infinity) <= put.version);
          const outcome = await store.put(
            put.keys.map((key) => ({ key, version: put.version })),
            payload,
          );
          expect(outcome).toBe(fresh ? 'stored' : 'stale');
          if (fresh) for (const key of put.keys) model.set(key, { version: put.version, payload });
        }
        for (const key of KEYS) {
          const expected = model.get(key);
          expect(await store.get([key])).toEqual(expected === undefined ? undefined : { key, ...expected });
        }
      }),
      { numRuns: 60 },
    );
  });
});
