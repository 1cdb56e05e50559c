import { createMemoryBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { createMemoryAlertingStore } from '@trustwatch/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../outbox/memory-outbox.js';
import {
  testRouting,
  trustChange,
  trustChangedEvent,
  verifiedNotification,
  waitFor,
  warningCrossing,
  webhookSecret,
  webhookSetup,
} from '../test-support/alerter-world.js';
import { startReceiver } from '../test-support/receiver-server.js';
import { startAlerter } from './alerter.js';

const log = createLogger({ service: 'alerter-test', level: 'silent' });
const GROUP_WAIT_MS = 300;
// The safety tick is an hour away: anything sent within the test was woken by its due instant.
const TICK_MS = 3_600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An alerter on the memory bus and store and the real clock, its tick an hour away. */
async function wakingAlerter() {
  const hook = await startReceiver();
  const secret = webhookSecret();
  const bus = createMemoryBus({ logger: log });
  await bus.ensureTopics(['trust.changed']);
  const alerter = await startAlerter({
    bus,
    store: createMemoryAlertingStore(),
    outbox: createMemoryOutbox(),
    setup: webhookSetup(`${hook.url}/alerts`, secret, testRouting(`${String(GROUP_WAIT_MS)}ms`, '1h')),
    log,
    dashboardBaseUrl: 'http://localhost:8080',
    tickMs: TICK_MS,
  });
  cleanups.push(async () => {
    await alerter.stop();
    await bus.close();
    await hook.close();
  });
  /** Publishes a warning crossing of `customer`; resolves with the instant just before publishing. */
  async function cross(customer: string): Promise<number> {
    const at = Date.now();
    const change = trustChange(customer, at, 70, 58, { crossings: [warningCrossing('down')] });
    await bus.publish('trust.changed', [trustChangedEvent(change, `evt-${customer}`)]);
    return at;
  }
  /** The notifications received so far, by customer, with when the request arrived. */
  const byCustomer = () =>
    hook.received.map((r) => {
      const n = verifiedNotification(r, secret);
      return { customer: n.groupLabels['customer'], flushedAt: Date.parse(n.at), arrivedAt: r.at };
    });
  return { cross, byCustomer, hook };
}

describe('the dispatcher waking at due instants', () => {
  it('sends a group at its group_wait instead of at the next tick', async () => {
    const w = await wakingAlerter();
    const publishedAt = await w.cross('acme');
    await waitFor(() => w.hook.received.length === 1, 5_000, 'the notification');
    const [sent] = w.byCustomer();
    expect(sent?.customer).toBe('acme');
    expect(sent?.flushedAt).toBeGreaterThanOrEqual(publishedAt + GROUP_WAIT_MS);
    // Generous for a loaded machine, and still far below the hour the tick would have taken.
    expect(sent?.arrivedAt).toBeLessThan(publishedAt + 5_000);
  });

  it('never flushes a group before its group_wait when another group woke the dispatcher earlier', async () => {
    const w = await wakingAlerter();
    const acmeAt = await w.cross('acme');
    await new Promise((resolve) => setTimeout(resolve, GROUP_WAIT_MS / 2));
    const globexAt = await w.cross('globex');
    await waitFor(() => w.hook.received.length === 2, 5_000, 'both notifications');
    const sent = w.byCustomer();
    const acme = sent.find((s) => s.customer === 'acme');
    const globex = sent.find((s) => s.customer === 'globex');
    expect(acme?.flushedAt).toBeGreaterThanOrEqual(acmeAt + GROUP_WAIT_MS);
    // acme's wake came first and found globex grouped but not yet due: it waited for its own instant.
    expect(globex?.flushedAt).toBeGreaterThanOrEqual(globexAt + GROUP_WAIT_MS);
    await new Promise((resolve) => setTimeout(resolve, GROUP_WAIT_MS));
    expect(w.hook.received).toHaveLength(2);
  });
});
