import { createMemoryBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { createMemoryAlertingStore, silenceIdAt } from '@trustwatch/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memory-outbox.js';
import {
  trustChange,
  trustChangedEvent,
  verifiedNotification,
  waitFor,
  warningCrossing,
  webhookSecret,
  webhookSetup,
} from '../test-support/alerter-world.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';
import { startAlerter, type Alerter } from './alerter.js';

const log = createLogger({ service: 'alerter-test', level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An alerter on the memory bus and store, its clock moved by hand (near real time: signatures are checked). */
async function world(): Promise<{
  alerter: Alerter;
  hook: ReceiverServer;
  secret: string;
  publish: (
    customer: string,
    before: number,
    after: number,
    direction: 'down' | 'up',
    id: string,
  ) => Promise<void>;
  advance: (ms: number) => Promise<void>;
  store: ReturnType<typeof createMemoryAlertingStore>;
  now: () => number;
}> {
  const hook = await startReceiver();
  const secret = webhookSecret();
  const bus = createMemoryBus({ logger: log });
  await bus.ensureTopics(['trust.changed']);
  const store = createMemoryAlertingStore();
  let t = Date.now();
  const alerter = await startAlerter({
    bus,
    store,
    outbox: createMemoryOutbox(),
    setup: webhookSetup(`${hook.url}/alerts`, secret),
    log,
    dashboardBaseUrl: 'http://localhost:8080',
    tickMs: 3_600_000,
    now: () => t,
  });
  cleanups.push(async () => {
    await alerter.stop();
    await bus.close();
    await hook.close();
  });
  return {
    alerter,
    hook,
    secret,
    store,
    now: () => t,
    async publish(customer, before, after, direction, id) {
      const seen = alerter.metrics().changes + alerter.metrics().duplicates;
      const change = trustChange(customer, t, before, after, { crossings: [warningCrossing(direction)] });
      await bus.publish('trust.changed', [trustChangedEvent(change, id)]);
      await waitFor(
        () => alerter.metrics().changes + alerter.metrics().duplicates > seen,
        5_000,
        'the change',
      );
    },
    async advance(ms) {
      t += ms;
      await alerter.tick();
    },
  };
}

describe('the alerter on the memory bus and store', () => {
  it('sends one signed notification group_wait after a threshold crossing, then a resolved one when it clears', async () => {
    const w = await world();
    await w.publish('acme', 70, 58, 'down', 'evt-down');
    await w.advance(500);
    expect(w.hook.received).toHaveLength(0);
    await w.advance(600);
    expect(w.hook.received).toHaveLength(1);
    const firing = verifiedNotification(w.hook.received[0]!, w.secret);
    expect(firing).toMatchObject({
      status: 'firing',
      groupLabels: { customer: 'acme' },
      counts: { firing: 1 },
    });
    expect(firing.alerts[0]).toMatchObject({
      labels: { rule: 'overall-below-warning' },
      score: { before: 70, after: 58 },
    });
    expect(firing.dashboardUrl).toBe('http://localhost:8080/customers/acme');
    expect((await w.store.getAlert(firing.alerts[0]!.fingerprint))?.notifiedAt).toBe(w.now());

    await w.publish('acme', 58, 66, 'up', 'evt-up');
    await w.advance(2_000);
    expect(w.hook.received).toHaveLength(2);
    const resolved = verifiedNotification(w.hook.received[1]!, w.secret);
    expect(resolved).toMatchObject({ status: 'resolved', counts: { firing: 0, resolved: 1 } });
    expect(resolved.alerts[0]?.endsAt).toBeDefined();
    expect(w.hook.received[1]?.headers['webhook-id']).not.toBe(w.hook.received[0]?.headers['webhook-id']);
  });

  it('applies a redelivered trust change once', async () => {
    const w = await world();
    await w.publish('globex', 70, 55, 'down', 'evt-same');
    await w.publish('globex', 70, 55, 'down', 'evt-same');
    expect(w.alerter.metrics()).toMatchObject({ changes: 1, duplicates: 1 });
  });

  it('keeps quiet about alerts a silence in the store matches, and notifies once the silence is expired', async () => {
    const w = await world();
    const at = new Date(w.now()).toISOString();
    const id = silenceIdAt(w.now(), 'test');
    await w.store.createSilence({
      id,
      matchers: [{ name: 'customer', op: '=', value: 'initech' }],
      startsAt: at,
      endsAt: new Date(w.now() + 3_600_000).toISOString(),
      createdBy: 'soc-oncall',
      comment: 'planned BMC firmware rollout',
      createdAt: at,
      updatedAt: at,
    });
    await w.publish('initech', 70, 58, 'down', 'evt-silenced');
    await w.advance(1_100);
    expect(w.hook.received).toHaveLength(0);
    expect(w.alerter.metrics().muted).toBe(1);
    await w.store.expireSilence(id, new Date(w.now()).toISOString());
    await w.advance(2_000);
    expect(w.hook.received).toHaveLength(1);
    // Listed as expired for a week, then pruned by the hourly sweep.
    await w.advance(7 * 86_400_000 + 3_600_000);
    expect(await w.store.getSilence(id)).toBeNull();
  });
});
