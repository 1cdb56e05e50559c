import { describe, it } from 'vitest';
import { createRedisOutbox } from '@trustwatch/store';
import { crashBetweenSendAndRecord } from '../test-support/crash-scenario.js';
import { startReceiver } from '../test-support/receiver-server.js';
import { outboxRedisPerFile } from '../test-support/outbox-redis.js';

const shared = outboxRedisPerFile('alerter-crash');

describe('crash between sending and recording (Redis outbox)', () => {
  it('re-sends only to receivers that did not confirm, with the same idempotency key, once the lease expires', async () => {
    const hooks = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
    try {
      await crashBetweenSendAndRecord(
        createRedisOutbox({ redis: shared.redis, prefix: shared.prefix }),
        hooks,
      );
    } finally {
      await Promise.all(hooks.map((h) => h.close()));
    }
  });
});
