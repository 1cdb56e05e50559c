import { afterAll, beforeAll } from 'vitest';
import { connectRedis, createRedisOutbox, loadOutboxScripts, registerOutboxScripts } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import type { OutboxPort } from './outbox-port.js';
import { outboxContract } from './outbox.contract.js';

type Client = Awaited<ReturnType<typeof connectRedis>>;
let redis: Client;
const prefix = `twtest:${uniqueName('alerter-outbox')}`;
let outboxes = 0;

beforeAll(async () => {
  redis = await connectRedis({ url: integrationTargets().redisUrl });
  registerOutboxScripts(redis);
  await loadOutboxScripts(redis);
});

afterAll(async () => {
  // Only the keys under this file's unique prefix; shared state is never flushed.
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (found.length > 0) await redis.unlink(...found);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});

outboxContract('redis', () => {
  outboxes += 1;
  // The assignment checks at compile time that the store's adapter satisfies the alerter's port.
  const outbox: OutboxPort = createRedisOutbox({ redis, prefix, name: `o${String(outboxes)}` });
  return Promise.resolve({ outbox, close: () => Promise.resolve() });
});
