import { afterAll, beforeAll, describe, it } from 'vitest';
import { connectRedis, createRedisOutbox, loadOutboxScripts, registerOutboxScripts } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { crashBetweenSendAndRecord } from '../test-support/crash-scenario.js';
import { startReceiver } from '../test-support/receiver-server.js';

type Client = Awaited<ReturnType<typeof connectRedis>>;
let redis: Client;
const prefix = `twtest:${uniqueName('alerter-crash')}`;

beforeAll(async () => {
  redis = await connectRedis({ url: integrationTargets().redisUrl });
  registerOutboxScripts(redis);
  await loadOutboxScripts(redis);
});

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (found.length > 0) await redis.unlink(...found);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});

describe('crash between sending and recording (Redis outbox)', () => {
  it('re-sends only to receivers that did not confirm, with the same idempotency key, once the lease expires', async () => {
    const hooks = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
    try {
      await crashBetweenSendAndRecord(createRedisOutbox({ redis, prefix }), hooks);
    } finally {
      await Promise.all(hooks.map((h) => h.close()));
    }
  });
});
