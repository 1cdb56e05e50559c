import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '../keys.js';
import { DEFAULT_LIMITS } from '../port.js';
import { customerFactor } from '../contract/builders.js';
import { applyEffectsArgs } from './apply-args.js';
import { scanKeys, testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const NOW = 1_790_000_000_000;

function applyArgs(prefix: string, customer: string) {
  const keys = createKeys(prefix);
  const factor = customerFactor(customer, 'a');
  return applyEffectsArgs(keys, DEFAULT_LIMITS, NOW, {
    customerId: customer,
    eventId: 'evt-1',
    version: NOW,
    factors: [factor],
    position: { topic: 'fw', partition: 0, offset: '12' },
  });
}

/** Number of keys under a prefix: proves a refused call wrote nothing. */
async function keyCount(prefix: string): Promise<number> {
  return (await scanKeys(env.redis, `${prefix}:*`)).length;
}

describe('applyEffects-8.lua', () => {
  it('applies once, then reports the same event as a duplicate', async () => {
    const prefix = env.prefix();
    const args = applyArgs(prefix, 'c1');
    expect(await env.redis.twApplyEffects(...args)).toEqual([1, 0, '']);
    expect(await env.redis.twApplyEffects(...args)).toEqual([0, '']);
    expect(await env.redis.hget(createKeys(prefix).customer('c1').progress, 'fw/0')).toBe('12');
  });

  it.each([
    ['-1 when the pair count does not match', (a: (string | number)[]) => a.slice(0, -1), -1],
    [
      '-2 when the version is not an integer',
      (a: (string | number)[]) => a.map((v, i) => (i === 9 ? '1.5' : v)),
      -2,
    ],
    ['-2 when the dedupe TTL is zero', (a: (string | number)[]) => a.map((v, i) => (i === 10 ? 0 : v)), -2],
    [
      '-3 when a factor payload is empty',
      (a: (string | number)[]) => a.map((v, i) => (i === a.length - 1 ? '' : v)),
      -3,
    ],
  ])('returns %s and writes nothing', async (_name, mutate, code) => {
    const prefix = env.prefix();
    expect(await env.redis.twApplyEffects(...mutate(applyArgs(prefix, 'c1')))).toEqual([code]);
    expect(await keyCount(prefix)).toBe(0);
  });
});

describe('swapFleet-7.lua', () => {
  function fleetKeys(prefix: string) {
    const k = createKeys(prefix).customer('c1');
    const stage = k.fleetImport('t1');
    const all = [k.assets, k.components, k.fleetMeta, stage.stagedAssets, stage.stagedComponents];
    return { k, stage, all: [...all, stage.previousAssets, stage.previousComponents] };
  }

  it('swaps the staged fleet in, keeps the old one aside and refuses an older import', async () => {
    const { k, stage, all } = fleetKeys(env.prefix());
    await env.redis.hset(stage.stagedAssets, 'a1', '{"id":"a1"}');
    expect(await env.redis.twSwapFleet(...all, 200, 1, '{"v":1}')).toEqual([1, '{}']);
    expect(await env.redis.hgetall(k.assets)).toEqual({ a1: '{"id":"a1"}' });
    await env.redis.hset(stage.stagedAssets, 'a2', '{"id":"a2"}');
    expect(await env.redis.twSwapFleet(...all, 300, 1, '{"v":2}')).toEqual([1, '{"v":1}']);
    expect(await env.redis.hgetall(stage.previousAssets)).toEqual({ a1: '{"id":"a1"}' });
    expect(await env.redis.twSwapFleet(...all, 100, 0, '{}')).toEqual([0]);
    expect(await env.redis.hkeys(k.assets)).toEqual(['a2']);
  });

  it('refuses malformed arguments and an incomplete stage before touching the stored fleet', async () => {
    const prefix = env.prefix();
    const { stage, all } = fleetKeys(prefix);
    expect(await env.redis.twSwapFleet(...all, 'x', 0, '{}')).toEqual([-2]);
    expect(await env.redis.twSwapFleet(...all, 1, 0, '')).toEqual([-3]);
    await env.redis.hset(stage.stagedAssets, 'a1', '{}');
    expect(await env.redis.twSwapFleet(...all, 1, 2, '{}')).toEqual([-4]);
    expect(await keyCount(prefix)).toBe(1);
  });
});

describe('putSharedFactor-1.lua', () => {
  it('keeps the newest version and rejects a non-integer version', async () => {
    const key = createKeys(env.prefix()).sharedFactor('f1');
    expect(await env.redis.twPutSharedFactor(key, '{"v":2}', 2)).toBe(1);
    expect(await env.redis.twPutSharedFactor(key, '{"v":1}', 1)).toBe(0);
    expect(await env.redis.hget(key, 'json')).toBe('{"v":2}');
    expect(await env.redis.twPutSharedFactor(key, '{}', Number.NaN)).toBe(-2);
  });
});

describe('recordProgress-1.lua', () => {
  it('raises the offset and never lowers it', async () => {
    const key = createKeys(env.prefix()).topicProgress('fw');
    expect(await env.redis.twRecordProgress(key, 3, '10')).toBe(1);
    expect(await env.redis.twRecordProgress(key, 3, '9')).toBe(0);
    expect(await env.redis.hget(key, '3')).toBe('10');
    expect(await env.redis.twRecordProgress(key, -1, '10')).toBe(-2);
  });
});
