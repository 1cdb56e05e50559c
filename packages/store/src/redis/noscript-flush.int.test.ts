import { isRetriable } from '@trustwatch/schemas';
import { uniqueName } from '@trustwatch/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAt, customerFactor, sharedNewsFactor } from '../contract/builders.js';
import { createKeys } from '../keys.js';
import type { ApplyOutcome, CustomerEffects, TrustStore } from '../port.js';
import { openRedisTrustStore } from './open.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

// SCRIPT FLUSH empties the cache of the whole server, so these tests run on a private server of their own.
let server: PrivateRedis;
let admin: Redis;
let store: TrustStore;
let prefix: string;

beforeAll(async () => {
  server = await startPrivateRedis();
  admin = new Redis(server.url);
  prefix = uniqueName('tw-noscript');
  // A small chunk size gives several pipelines per call, so a flush can land between and inside them.
  store = await openRedisTrustStore({
    url: server.url,
    prefix,
    checkDurability: false,
    limits: { chunkSize: 200 },
  });
});
afterAll(async () => {
  await store.close();
  await admin.quit();
  await server.stop();
});

const T0 = 1_790_000_000_000;

/** Server-side count of NOSCRIPT replies: proves a test really met an empty script cache. */
async function noScriptReplies(): Promise<number> {
  const info = await admin.info('errorstats');
  return Number(/errorstat_NOSCRIPT:count=(\d+)/.exec(info)?.[1] ?? 0);
}

/** Feed length of each customer: one entry per applied event, so a second application would show. */
async function feedLengths(customers: readonly string[]): Promise<number[]> {
  const keys = createKeys(prefix);
  const pipeline = admin.pipeline();
  for (const c of customers) pipeline.xlen(keys.customer(c).feed);
  const results = (await pipeline.exec()) ?? [];
  return results.map(([, n]) => Number(n));
}

function event(customerId: string, eventId: string, at = T0): CustomerEffects {
  return {
    customerId,
    eventId,
    version: at,
    factors: [customerFactor(customerId, eventId)],
    change: changeAt(customerId, at, 80, 70),
  };
}

function customers(tag: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${tag}-${String(i)}`);
}

describe('writes after the server lost its script cache', () => {
  it('applies a single event once after SCRIPT FLUSH and reports its redelivery as a duplicate', async () => {
    // ioredis sends a script's first call on a connection as EVAL; only later calls use EVALSHA.
    await store.applyMany([event('single-warm-up', 'fw-0')]);
    const before = await noScriptReplies();
    await admin.script('FLUSH');
    const [first] = await store.applyMany([event('single', 'fw-1')]);
    expect(await noScriptReplies()).toBeGreaterThan(before);
    await admin.script('FLUSH');
    const [again] = await store.applyMany([event('single', 'fw-1')]);
    expect([first?.status, again?.status]).toEqual(['applied', 'duplicate']);
    expect(again && 'feedId' in again ? again.feedId : undefined).toBe(
      first && 'feedId' in first ? first.feedId : null,
    );
    expect(await feedLengths(['single'])).toEqual([1]);
  });

  it('applies a multi-chunk batch with its shared factor and Kafka position once after SCRIPT FLUSH', async () => {
    const ids = customers('batch', 450);
    const factor = sharedNewsFactor(uniqueName('story'), 'supermicro');
    const effects = ids.map((c) => event(c, 'news-1'));
    const extras = {
      shared: [{ factor, version: T0 }],
      progress: { topic: 'news', partition: 2, offset: '41' },
    };
    const before = await noScriptReplies();
    await admin.script('FLUSH');
    const outcomes = await store.applyMany(effects, extras);
    expect(await noScriptReplies()).toBeGreaterThan(before);
    expect(outcomes.map((o) => o.status)).toEqual(ids.map(() => 'applied'));
    expect(await store.getSharedFactor(factor.id)).toEqual(factor);
    expect(await store.resumeOffsets('news')).toEqual(new Map([[2, '42']]));
    await admin.script('FLUSH');
    const redelivered = await store.applyMany(effects, extras);
    expect(redelivered.map((o) => o.status)).toEqual(ids.map(() => 'duplicate'));
    expect(new Set(await feedLengths(ids))).toEqual(new Set([1]));
  });

  it('applies every customer of a batch exactly once while the script cache is flushed again and again', async () => {
    const ids = customers('storm', 1200);
    const effects = ids.map((c) => event(c, 'fw-storm'));
    const before = await noScriptReplies();
    let flushing = true;
    const flusher = (async () => {
      // Bounded: a storm that never ends would (rightly) fail every call, as a dead server would.
      for (let i = 0; flushing && i < 300; i += 1) await admin.script('FLUSH');
    })();
    // As the bus runner does: a retriable failure redelivers the same batch.
    const attempts: string[] = [];
    let outcomes: ApplyOutcome[] = [];
    try {
      for (;;) {
        try {
          outcomes = await store.applyMany(effects);
          break;
        } catch (error) {
          if (!isRetriable(error)) throw error;
          attempts.push('retried');
        }
      }
    } finally {
      flushing = false;
      await flusher;
    }
    expect(await noScriptReplies()).toBeGreaterThan(before);
    expect(outcomes.map((o) => o.customerId)).toEqual(ids);
    // Only an earlier failed attempt may have applied some customers, so only then are duplicates possible.
    if (attempts.length === 0) expect(outcomes.every((o) => o.status === 'applied')).toBe(true);
    expect(new Set(await feedLengths(ids))).toEqual(new Set([1]));
    const redelivered = await store.applyMany(effects);
    expect(redelivered.every((o) => o.status === 'duplicate')).toBe(true);
  });

  it('fans a shared factor out over several chunks once after SCRIPT FLUSH, reads included', async () => {
    const ids = customers('fan', 650);
    const factor = sharedNewsFactor(uniqueName('story'), 'supermicro');
    const compute = (snapshots: readonly { customerId: string }[]) =>
      snapshots.map((s) => ({
        ...event(s.customerId, 'news-fan'),
        exposures: [{ factorId: factor.id, customerId: s.customerId, exposure: 0.5, vendorExposure: 1 }],
      }));
    const extras = {
      shared: [{ factor, version: T0 }],
      progress: { topic: 'fan', partition: 0, offset: '7' },
    };
    const before = await noScriptReplies();
    await admin.script('FLUSH');
    const outcomes = await store.fanOut(ids, compute, extras);
    expect(await noScriptReplies()).toBeGreaterThan(before);
    expect(outcomes.map((o) => o.status)).toEqual(ids.map(() => 'applied'));
    expect((await store.getFactors('fan-649')).map((f) => f.id)).toContain(factor.id);
    expect(await store.resumeOffsets('fan')).toEqual(new Map([[0, '8']]));
    await admin.script('FLUSH');
    const redelivered = await store.fanOut(ids, compute, extras);
    expect(redelivered.map((o) => o.status)).toEqual(ids.map(() => 'duplicate'));
    expect(new Set(await feedLengths(ids))).toEqual(new Set([1]));
  });

  it('swaps a fleet in after SCRIPT FLUSH and still refuses an older import', async () => {
    const assets = [
      { id: 'a1', vendor: 'supermicro', model: 'X12', components: [] },
      { id: 'a2', vendor: 'dell', model: 'R650', components: [] },
    ];
    await store.replaceFleet('fleet-warm-up', assets, T0);
    const before = await noScriptReplies();
    await admin.script('FLUSH');
    const change = await store.replaceFleet('fleet-1', assets, T0);
    expect(await noScriptReplies()).toBeGreaterThan(before);
    expect(change).toMatchObject({ applied: true, added: ['a1', 'a2'], removed: [] });
    await admin.script('FLUSH');
    expect(await store.replaceFleet('fleet-1', assets.slice(0, 1), T0 - 1)).toMatchObject({ applied: false });
    expect((await store.getFleet('fleet-1')).map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    expect(await store.customersOfVendor('dell')).toContainEqual({ customerId: 'fleet-1', share: 0.5 });
  });

  it('stores a shared factor after SCRIPT FLUSH and keeps the newest version', async () => {
    const older = sharedNewsFactor(uniqueName('story'), 'supermicro', 0.4);
    const newer = { ...older, credibility: 0.9 };
    const before = await noScriptReplies();
    await admin.script('FLUSH');
    expect(await store.putSharedFactor(newer, T0 + 1)).toBe(true);
    expect(await noScriptReplies()).toBeGreaterThan(before);
    await admin.script('FLUSH');
    expect(await store.putSharedFactor(older, T0)).toBe(false);
    expect(await store.getSharedFactor(older.id)).toEqual(newer);
  });
});
