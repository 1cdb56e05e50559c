import { createRedisOutbox } from '@trustwatch/store';
import type { OutboxPort } from './outbox-port.js';
import { outboxContract } from './outbox.contract.js';
import { outboxRedisPerFile } from '../test-support/outbox-redis.js';

const shared = outboxRedisPerFile('alerter-outbox');
let outboxes = 0;

outboxContract('redis', () => {
  outboxes += 1;
  // The assignment checks at compile time that the store's adapter satisfies the alerter's port.
  const outbox: OutboxPort = createRedisOutbox({
    redis: shared.redis,
    prefix: shared.prefix,
    name: `o${String(outboxes)}`,
  });
  return Promise.resolve({ outbox, close: () => Promise.resolve() });
});
