import { afterEach, describe, expect, it } from 'vitest';
import { aNotification } from '../test-support/notifications.js';
import { manualClock, receivers, testEngine } from '../test-support/engine-fixture.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';

const servers: ReceiverServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('per-receiver rate limits', () => {
  it('sends to Slack at most once a second and defers the rest without counting an attempt', async () => {
    const clock = manualClock();
    const sentAt: number[] = [];
    const slack = await startReceiver((_req, res) => {
      sentAt.push(clock.now());
      res.end('ok');
    });
    servers.push(slack);
    const { engine, outbox } = testEngine({
      receivers: receivers({ name: 'slack-sec', kind: 'slack', url: slack.url }),
      now: clock.now,
    });
    await engine.enqueue(Array.from({ length: 10 }, () => aNotification('slack-sec')));
    for (let step = 0; step < 60; step += 1) {
      await engine.runOnce();
      clock.advance(250);
    }
    expect(sentAt).toHaveLength(10);
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    const units = await outbox.list({ limit: 10 });
    expect(units.every((u) => u.status === 'sent' && u.attempts.length === 1)).toBe(true);
  });

  it('pauses a receiver that answered 429 until its Retry-After instead of sending into it', async () => {
    const clock = manualClock();
    let calls = 0;
    const hook = await startReceiver((_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(429, { 'retry-after': '5' }).end('slow down');
      else res.end('ok');
    });
    servers.push(hook);
    const { engine, outbox } = testEngine({
      receivers: receivers({
        name: 'hook',
        kind: 'webhook',
        url: hook.url,
        secrets: [`whsec_${'D'.repeat(32)}`],
      }),
      now: clock.now,
    });
    await engine.enqueue(Array.from({ length: 20 }, () => aNotification('hook')));
    const first = await engine.runOnce();
    expect(first).toMatchObject({ claimed: 20, retried: 1, deferred: 19, sent: 0 });
    clock.advance(4_999);
    await engine.runOnce();
    expect(calls).toBe(1);
    clock.advance(1);
    for (let i = 0; i < 3; i += 1) {
      await engine.runOnce();
      clock.advance(1000);
    }
    expect(calls).toBe(21);
    expect((await outbox.list({ status: 'sent', limit: 50 })).length).toBe(20);
  });

  it('keeps a storm of 10,000 queued notifications to one Slack webhook at one request a second, with no retries', async () => {
    const clock = manualClock();
    const slack = await startReceiver();
    servers.push(slack);
    const { engine, outbox } = testEngine({
      receivers: receivers({ name: 'slack-sec', kind: 'slack', url: slack.url }),
      now: clock.now,
      batchSize: 100,
    });
    await engine.enqueue(Array.from({ length: 10_000 }, () => aNotification('slack-sec')));
    const started = performance.now();
    for (let step = 0; step < 120; step += 1) {
      await engine.runOnce();
      clock.advance(500);
    }
    const elapsedMs = performance.now() - started;
    // One simulated minute: at most the initial token plus one a second.
    expect(slack.received.length).toBeLessThanOrEqual(61);
    expect(slack.received.length).toBeGreaterThanOrEqual(59);
    const sent = await outbox.list({ status: 'sent', limit: 100 });
    expect(sent.every((u) => u.attempts.length === 1)).toBe(true);
    expect((await outbox.list({ status: 'failed', limit: 1 })).length).toBe(0);
    // 120 claims over 10k queued units must stay cheap enough to run every 500 ms.
    expect(elapsedMs).toBeLessThan(15_000);
  });
});
