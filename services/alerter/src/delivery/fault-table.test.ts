import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { aNotification } from '../test-support/notifications.js';
import { manualClock, receivers, testEngine } from '../test-support/engine-fixture.js';
import { startReceiver, type Received, type ReceiverServer } from '../test-support/receiver-server.js';

const servers: ReceiverServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Respond = (req: Received, res: ServerResponse) => void;
const status =
  (code: number, headers: Record<string, string> = {}): Respond =>
  (_req, res) => {
    res.writeHead(code, headers).end(`answer ${String(code)}`);
  };

interface Row {
  readonly name: string;
  readonly respond: Respond;
  readonly unitStatus: string;
  readonly httpStatus: number | undefined;
  readonly error?: RegExp;
  /** Delay before the retry, ms, when one is scheduled. */
  readonly retryInMs?: number;
  readonly receiverDisabled?: boolean;
}

// random() = 0.5 makes the first retry 3/4 of the 5 s base step: 3750 ms.
const rows: readonly Row[] = [
  {
    name: '500 is retried with backoff',
    respond: status(500),
    unitStatus: 'failed',
    httpStatus: 500,
    retryInMs: 3750,
  },
  {
    name: '503 with Retry-After 120 s waits 120 s',
    respond: status(503, { 'retry-after': '120' }),
    unitStatus: 'failed',
    httpStatus: 503,
    retryInMs: 120_000,
  },
  {
    name: '429 with Retry-After 30 s waits 30 s',
    respond: status(429, { 'retry-after': '30' }),
    unitStatus: 'failed',
    httpStatus: 429,
    retryInMs: 30_000,
  },
  { name: '408 is retried', respond: status(408), unitStatus: 'failed', httpStatus: 408, retryInMs: 3750 },
  {
    name: 'a hang past the timeout is retried',
    respond: () => undefined,
    unitStatus: 'failed',
    httpStatus: undefined,
    error: /TIMEOUT/,
    retryInMs: 3750,
  },
  {
    name: 'a 302 redirect is not followed and is dead-lettered',
    respond: status(302, { location: 'http://169.254.169.254/' }),
    unitStatus: 'dead',
    httpStatus: 302,
  },
  { name: '400 is dead-lettered', respond: status(400), unitStatus: 'dead', httpStatus: 400 },
  { name: '404 is dead-lettered', respond: status(404), unitStatus: 'dead', httpStatus: 404 },
  {
    name: '410 disables the receiver',
    respond: status(410),
    unitStatus: 'disabled',
    httpStatus: 410,
    receiverDisabled: true,
  },
  { name: '200 is sent', respond: status(200), unitStatus: 'sent', httpStatus: 200 },
];

describe('receiver fault table', () => {
  it.each(rows)('$name', async (row) => {
    const s = await startReceiver(row.respond);
    servers.push(s);
    const clock = manualClock();
    const { engine, outbox } = testEngine({
      receivers: receivers({
        name: 'hook',
        kind: 'webhook',
        url: s.url,
        secrets: [`whsec_${'A'.repeat(32)}`],
        timeoutMs: 300,
      }),
      now: clock.now,
    });
    await engine.enqueue([aNotification('hook')]);
    await engine.runOnce();
    const [unit] = await outbox.list({ limit: 1 });
    expect(unit?.status).toBe(row.unitStatus);
    expect(unit?.attempts[0]?.httpStatus).toBe(row.httpStatus);
    if (row.error !== undefined) expect(unit?.attempts[0]?.error).toMatch(row.error);
    if (row.retryInMs !== undefined) expect((unit?.dueAt ?? 0) - clock.now()).toBe(row.retryInMs);
    expect((await outbox.disabledReceivers()).has('hook')).toBe(row.receiverDisabled ?? false);
    expect(s.received).toHaveLength(1);
  });

  it('sends nothing more to a receiver once it answered 410, in the same batch or later ones', async () => {
    const s = await startReceiver(status(410));
    servers.push(s);
    const { engine, outbox } = testEngine({
      receivers: receivers({ name: 'gone', kind: 'slack', url: s.url, ratePerSec: 100, burst: 100 }),
    });
    await engine.enqueue([aNotification('gone'), aNotification('gone'), aNotification('gone')]);
    expect(await engine.runOnce()).toMatchObject({ claimed: 3, disabled: 3 });
    await engine.enqueue([aNotification('gone'), aNotification('gone')]);
    expect((await engine.runOnce()).disabled).toBe(2);
    expect(s.received).toHaveLength(1);
    expect((await outbox.list({ status: 'disabled', limit: 10 })).length).toBe(5);
  });

  it('dead-letters a unit that keeps failing once the attempt budget is spent', async () => {
    const s = await startReceiver(status(500));
    servers.push(s);
    const clock = manualClock();
    const { engine, outbox } = testEngine({
      receivers: receivers({ name: 'flaky', kind: 'slack', url: s.url, ratePerSec: 100, burst: 100 }),
      now: clock.now,
      backoff: { baseMs: 1000, maxDelayMs: 60_000, maxAttempts: 3 },
    });
    await engine.enqueue([aNotification('flaky')]);
    for (let i = 0; i < 5; i += 1) {
      await engine.runOnce();
      clock.advance(60_000);
    }
    const [unit] = await outbox.list({ limit: 1 });
    expect(unit?.status).toBe('dead');
    expect(unit?.attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'dead']);
    expect(s.received).toHaveLength(3);
  });
});
