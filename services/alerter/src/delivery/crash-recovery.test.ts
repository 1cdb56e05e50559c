import { afterEach, describe, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memory-outbox.js';
import { crashBetweenSendAndRecord } from '../test-support/crash-scenario.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';

const servers: ReceiverServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('crash between sending and recording (memory outbox)', () => {
  it('re-sends only to receivers that did not confirm, with the same idempotency key, once the lease expires', async () => {
    const hooks = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
    servers.push(...hooks);
    await crashBetweenSendAndRecord(createMemoryOutbox(), hooks);
  });
});
