import { expect } from 'vitest';
import type { OutboxPort } from '../outbox/outbox-port.js';
import { aNotification } from './notifications.js';
import { manualClock, receivers, testEngine } from './engine-fixture.js';
import type { ReceiverServer } from './receiver-server.js';

/** The outbox as a process sees it that dies after recording `survive` completions. */
export function dyingAfter(outbox: OutboxPort, survive: number): OutboxPort {
  let recorded = 0;
  return {
    ...outbox,
    async complete(id, completion) {
      if (recorded >= survive) throw new Error('process killed between send and record');
      recorded += 1;
      return outbox.complete(id, completion);
    },
  };
}

/**
 * Three webhook receivers get one notification each; the process dies after recording the first
 * delivery. After the lease expires a new process must re-send to the two unconfirmed receivers only,
 * with the same webhook-id. Shared by the memory (unit) and Redis (integration) runs.
 */
export async function crashBetweenSendAndRecord(
  durable: OutboxPort,
  hooks: readonly ReceiverServer[],
): Promise<void> {
  const config = receivers(
    ...hooks.map((s, i) => ({
      name: `hook-${String(i)}`,
      kind: 'webhook',
      url: s.url,
      secrets: [`whsec_${'B'.repeat(32)}`],
    })),
  );
  const clock = manualClock();
  const first = testEngine({
    receivers: config,
    outbox: dyingAfter(durable, 1),
    now: clock.now,
    owner: 'before-crash',
    leaseMs: 30_000,
  });
  await first.engine.enqueue(config.map((r) => aNotification(r.name)));
  await expect(first.engine.runOnce()).rejects.toThrow(/process killed/);
  expect(hooks.map((h) => h.received.length)).toEqual([1, 1, 1]);

  clock.advance(29_000);
  const tooEarly = testEngine({ receivers: config, outbox: durable, now: clock.now, owner: 'impatient' });
  expect((await tooEarly.engine.runOnce()).claimed).toBe(0);

  clock.advance(1_001);
  const second = testEngine({ receivers: config, outbox: durable, now: clock.now, owner: 'after-restart' });
  expect((await second.engine.runOnce()).sent).toBe(2);

  expect(hooks.map((h) => h.received.length).sort()).toEqual([1, 2, 2]);
  for (const h of hooks.filter((x) => x.received.length === 2)) {
    const ids = h.received.map((r) => r.headers['webhook-id']);
    expect(ids[0]).toBe(ids[1]);
  }
  const units = await durable.list({ limit: 10 });
  expect(units.every((u) => u.status === 'sent')).toBe(true);
  expect(units.map((u) => u.attempts.map((a) => a.outcome).join(',')).sort()).toEqual([
    'lease-expired,sent',
    'lease-expired,sent',
    'sent',
  ]);
}
