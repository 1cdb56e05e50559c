import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRetriable } from '@trustwatch/schemas';
import { uniqueName } from '@trustwatch/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAt, customerFactor } from '../contract/builders.js';
import { createKeys } from '../keys.js';
import type { ApplyOutcome, CustomerEffects, KafkaPosition, TrustStore } from '../port.js';
import { connectRedis, isRedisReady } from './connection.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';
import { createRedisTrustStore } from './redis-store.js';
import { loadScripts, registerScripts, SCRIPT_FILES } from './scripts.js';

// The server is killed and restarted, so it is a private one; AOF with fsync on every write makes a
// SIGKILL lose nothing acknowledged, so the test can state exactly what must have survived.
let server: PrivateRedis;
let redis: Redis;
let store: TrustStore;
let prefix: string;

beforeAll(async () => {
  server = await startPrivateRedis({ appendonly: true, appendfsync: 'always' });
  redis = await connectRedis({ url: server.url, commandTimeoutMs: 2_000 });
  registerScripts(redis);
  await loadScripts(redis);
  prefix = uniqueName('tw-restart');
  store = createRedisTrustStore({ redis, prefix, limits: { chunkSize: 200 } });
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

const T0 = 1_790_000_000_000;
const TOPIC = 'firmware';
const SHAS = SCRIPT_FILES.map((s) =>
  createHash('sha1')
    .update(readFileSync(new URL(`../../lua/${s.file}`, import.meta.url), 'utf8'))
    .digest('hex'),
);

function event(customerId: string, i: number): CustomerEffects {
  return {
    customerId,
    eventId: `fw-${String(i)}`,
    version: T0 + i,
    factors: [customerFactor(customerId, `k${String(i)}`)],
    change: changeAt(customerId, T0 + i, 80, 70),
  };
}

const position = (i: number): KafkaPosition => ({ topic: TOPIC, partition: 0, offset: String(i) });

/** Delivers a batch as the bus runner does: a retriable failure redelivers it, anything else is fatal. */
async function deliver(effects: readonly CustomerEffects[], at: KafkaPosition): Promise<ApplyOutcome[]> {
  for (;;) {
    try {
      return await store.applyMany(effects, { progress: at });
    } catch (error) {
      if (!isRetriable(error)) throw error;
      await sleep(20);
    }
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Feed length per customer, read on a fresh connection: one entry per applied event. */
async function feedLengths(customers: readonly string[]): Promise<number[]> {
  const reader = new Redis(server.url);
  try {
    const pipeline = reader.pipeline();
    for (const c of customers) pipeline.xlen(createKeys(prefix).customer(c).feed);
    return ((await pipeline.exec()) ?? []).map(([, n]) => Number(n));
  } finally {
    await reader.quit();
  }
}

describe('a store whose Redis crashes and restarts mid-run', () => {
  it('fails fast while the server is down, reloads its scripts on ready and continues exactly once', async () => {
    const customers = ['r0', 'r1', 'r2', 'r3'];
    const events = Array.from({ length: 40 }, (_, i) => event(customers[i % 4] ?? 'r0', i));
    for (const [i, e] of events.slice(0, 20).entries()) await deliver([e], position(i));

    await server.crash();
    await until(() => !isRedisReady(redis), 'the client to notice the crash');
    const started = performance.now();
    await expect(store.applyMany([events[20] ?? event('r0', 20)])).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retriable: true,
    });
    // No offline queue: the caller learns at once, it does not wait out a command timeout.
    expect(performance.now() - started).toBeLessThan(250);

    await server.start();
    await until(() => isRedisReady(redis), 'the store to reconnect');
    // No store call has run since the restart, so only the 'ready' handler can have loaded the scripts.
    const admin = new Redis(server.url);
    await until(
      async () => ((await admin.script('EXISTS', ...SHAS)) as number[]).every((x) => x === 1),
      'SCRIPT LOAD',
    );
    await admin.quit();

    for (const [i, e] of events.slice(20).entries()) await deliver([e], position(20 + i));
    expect(await store.resumeOffsets(TOPIC)).toEqual(new Map([[0, '40']]));
    // A consumer that lost its committed offsets redelivers everything: nothing is applied twice.
    const again = await deliver(events, position(39));
    expect(again.every((o) => o.status === 'duplicate')).toBe(true);
    expect(await feedLengths(customers)).toEqual([10, 10, 10, 10]);
  });

  it('applies a large batch caught in flight by a crash exactly once after the restart', async () => {
    const customers = Array.from({ length: 2000 }, (_, i) => `big-${String(i)}`);
    const effects = customers.map((c) => event(c, 100));
    let settled = false;
    const inFlight = deliver(effects, position(100)).finally(() => (settled = true));
    // Crash once the first chunk is in and before the last one is: the batch is half applied.
    const watcher = new Redis(server.url);
    const firstFeed = createKeys(prefix).customer('big-0').feed;
    await until(async () => (await watcher.xlen(firstFeed)) > 0, 'the first chunk');
    watcher.disconnect();
    await server.crash();
    expect(settled).toBe(false);
    await sleep(200);
    await server.start();
    // Redelivered by the loop, or resent by ioredis after the reconnect: either way, once.
    const outcomes = await inFlight;
    expect(outcomes.map((o) => o.customerId)).toEqual(customers);
    expect(new Set(await feedLengths(customers))).toEqual(new Set([1]));
    expect(await store.resumeOffsets(TOPIC)).toEqual(new Map([[0, '101']]));
    const again = await deliver(effects, position(100));
    expect(again.every((o) => o.status === 'duplicate')).toBe(true);
  });
});
