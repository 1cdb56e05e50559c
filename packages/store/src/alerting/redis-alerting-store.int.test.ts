import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedis } from '../redis/test-redis.js';
import { createAlertingKeys } from './alerting-keys.js';
import { alertingStoreContract } from './alerting-store.contract.js';
import { loadAlertingScripts, registerAlertingScripts } from './alerting-scripts.js';
import { createRedisAlertingStore } from './redis-alerting-store.js';

let env: Awaited<ReturnType<typeof testRedis>>;
let redis: Redis;
let prefix: string;
beforeAll(async () => {
  env = await testRedis();
  redis = env.redis;
  registerAlertingScripts(redis);
  await loadAlertingScripts(redis);
  prefix = env.prefix();
});
afterAll(() => env.cleanup());

// One prefix for the whole suite: the contract isolates by unique customer ids and silence ids.
alertingStoreContract('redis', () => Promise.resolve(createRedisAlertingStore({ redis, prefix })));

describe('redis alerting store scripts', () => {
  it('keeps every key of one customer in one Cluster slot', async () => {
    const k = createAlertingKeys(prefix).customer('acme:{x}');
    const keys = [k.meta, k.applied('evt-1'), k.alerts, k.notified, k.acks, k.pending];
    const slots = await Promise.all(
      keys.map((key) => redis.call('CLUSTER', 'KEYSLOT', key).catch(() => null)),
    );
    // A non-cluster server refuses CLUSTER KEYSLOT; the tag is then checked on the strings.
    if (slots.includes(null)) for (const key of keys) expect(key).toContain(':alerting:c:{acme%3A%7Bx%7D}:');
    else expect(new Set(slots).size).toBe(1);
  });

  it('refuses a commit whose arguments do not add up before writing anything', async () => {
    const k = createAlertingKeys(prefix).customer('bad-args');
    // One pending notification announced, its JSON missing.
    const code = await redis.twCommitAlerting(
      ...[k.meta, k.applied('e'), k.alerts, k.notified, k.pending],
      ...[0, 's', 'd', 0, 1, 0, 0, 1, 'ntf_x'],
    );
    expect(code).toBe(-1);
    expect(await redis.exists(k.meta)).toBe(0);
  });

  it('refuses to insert a silence past the bound', async () => {
    const keys = createAlertingKeys(prefix);
    expect(await redis.twCasField(keys.silences, 'bound-check', '', '{}', 1)).toBe(-5);
  });
});
