import { uniqueName } from '@trustwatch/testing';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { customerFactor } from '../contract/builders.js';
import { openRedisTrustStore, type RedisTrustStore } from './open.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

const T0 = 1_790_000_000_000;
let server: PrivateRedis | undefined;
let store: RedisTrustStore | undefined;
afterEach(async () => {
  await store?.close().catch(() => undefined);
  await server?.stop();
  store = undefined;
  server = undefined;
});

/** A store on a fresh private server, both registered for the afterEach to close. */
async function openOnPrivateServer(): Promise<{ redis: PrivateRedis; opened: RedisTrustStore }> {
  const redis = await startPrivateRedis();
  server = redis;
  const opened = await openRedisTrustStore({
    url: redis.url,
    prefix: uniqueName('tw-rw'),
    checkDurability: false,
  });
  store = opened;
  return { redis, opened };
}

const apply = (s: RedisTrustStore, eventId: string) =>
  s.applyMany([{ customerId: 'c1', eventId, version: T0, factors: [customerFactor('c1', eventId)] }]);

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Redis restart watch', () => {
  it('holds writes after a restart until every restart listener has finished, then lets them through', async () => {
    const { redis, opened } = await openOnPrivateServer();
    let release: () => void = () => undefined;
    const restarts: string[] = [];
    opened.onRestart(async ({ runId }) => {
      restarts.push(runId);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await redis.crash();
    await redis.start();
    await until(() => restarts.length === 1, 'the restart listener');
    // Connected again, but the listener (an engine rewinding) has not finished: no write goes out.
    expect(opened.isReady()).toBe(false);
    await expect(apply(opened, 'held')).rejects.toMatchObject({ code: 'UNAVAILABLE', retriable: true });
    release();
    await until(() => opened.isReady(), 'writes let through');
    expect((await apply(opened, 'after'))[0]?.status).toBe('applied');
    expect(restarts).toHaveLength(1);
  }, 60_000);

  it('tells a dropped connection to the same server from a restart: no listener runs', async () => {
    const { redis, opened } = await openOnPrivateServer();
    let calls = 0;
    opened.onRestart(() => {
      calls += 1;
      return Promise.resolve();
    });
    const admin = new Redis(redis.url);
    await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await admin.quit();
    await until(() => !opened.isReady(), 'the disconnect');
    await until(() => opened.isReady(), 'the reconnect');
    expect((await apply(opened, 'same-server'))[0]?.status).toBe('applied');
    expect(calls).toBe(0);
  }, 60_000);
});
