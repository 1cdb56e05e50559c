import { afterEach, describe, expect, it } from 'vitest';
import { aNotification } from '../test-support/notifications.js';
import { manualClock, receivers, testEngine } from '../test-support/engine-fixture.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';

const servers: ReceiverServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('delivery engine guards', () => {
  it('dead-letters a unit whose payload is not a notification, and one for an unknown receiver', async () => {
    const clock = manualClock();
    const never = await startReceiver();
    servers.push(never);
    const { engine, outbox } = testEngine({
      receivers: receivers({ name: 'hook', kind: 'slack', url: never.url }),
      now: clock.now,
    });
    await outbox.enqueue([
      {
        id: 'msg_bad',
        notificationId: 'ntf_bad',
        receiver: 'hook',
        customer: 'acme',
        payload: '{not json',
        createdAt: 1,
      },
    ]);
    await engine.enqueue([aNotification('nobody')]);
    const summary = await engine.runOnce();
    expect(summary).toMatchObject({ claimed: 2, dead: 2, sent: 0 });
    const errors = (await outbox.list({ status: 'dead', limit: 5 })).map((u) => u.attempts[0]?.error);
    expect(errors.sort()).toEqual(['payload is not a notification', 'unknown receiver']);
    expect(never.received).toHaveLength(0);
  });

  it('hands a unit back instead of sending when the remaining lease is shorter than the receiver timeout', async () => {
    const clock = manualClock();
    const hook = await startReceiver();
    servers.push(hook);
    const { engine, outbox } = testEngine({
      receivers: receivers({ name: 'hook', kind: 'slack', url: hook.url, timeoutMs: 10_000 }),
      now: clock.now,
      leaseMs: 5_000,
    });
    await engine.enqueue([aNotification('hook')]);
    expect((await engine.runOnce()).deferred).toBe(1);
    expect(hook.received).toHaveLength(0);
    const [unit] = await outbox.list({ limit: 1 });
    expect(unit).toMatchObject({ status: 'pending', attempts: [] });
  });
});
