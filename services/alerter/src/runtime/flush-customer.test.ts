import { emptySilenceStore, type Notification } from '@trustwatch/alerting';
import { createMemoryAlertingStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { trustChange, warningCrossing, webhookSetup } from '../test-support/alerter-world.js';
import { applyChange, type StepDeps } from './apply-change.js';
import { flushCustomer } from './flush-customer.js';

const setup = webhookSetup('http://127.0.0.1:9/alerts', `whsec_${Buffer.alloc(32, 1).toString('base64')}`);

/**
 * A memory store after acme crossed its warning threshold, the step deps over it, and the clock they read,
 * which each test moves on by hand.
 */
async function acmeCrossedWarning() {
  const store = createMemoryAlertingStore();
  const clock = { t: Date.parse('2026-11-24T10:00:00Z') };
  const step: StepDeps = {
    store,
    rules: setup.rules,
    tree: setup.tree,
    dashboardBaseUrl: 'http://localhost:8080',
    now: () => clock.t,
  };
  await applyChange(
    step,
    trustChange('acme', clock.t, 70, 58, { crossings: [warningCrossing('down')] }),
    'evt-1',
  );
  return { store, step, clock };
}

describe('flushing a customer', () => {
  it('hands notifications committed before a crash to the outbox on the next tick, with the same ids', async () => {
    const { store, step, clock } = await acmeCrossedWarning();
    clock.t += 1_000;
    const crashing = { enqueue: () => Promise.reject(new Error('process killed before the outbox write')) };
    await expect(
      flushCustomer({ ...step, engine: crashing, silences: emptySilenceStore() }, 'acme'),
    ).rejects.toThrow(/process killed/);
    const [pending] = (await store.loadCustomer('acme')).pending;
    expect(await store.dueCustomers(clock.t, 10)).toEqual(['acme']);

    clock.t += 5_000;
    const enqueued: Notification[] = [];
    const engine = { enqueue: (n: readonly Notification[]) => Promise.resolve(enqueued.push(...n)) };
    const outcome = await flushCustomer({ ...step, engine, silences: emptySilenceStore() }, 'acme');
    expect(outcome.notifications).toBe(0);
    expect(enqueued.map((n) => n.id)).toEqual([pending?.id]);
    expect((await store.loadCustomer('acme')).pending).toEqual([]);
  });

  it('leaves a customer with nothing grouped off the due list once its group is sent and still firing', async () => {
    const { store, step, clock } = await acmeCrossedWarning();
    clock.t += 1_000;
    const engine = { enqueue: (n: readonly Notification[]) => Promise.resolve(n.length) };
    expect(
      (await flushCustomer({ ...step, engine, silences: emptySilenceStore() }, 'acme')).notifications,
    ).toBe(1);
    // The firing group stays, due again at its group_interval (2 s in the test routing).
    expect(await store.dueCustomers(clock.t + 1_999, 10)).toEqual([]);
    expect(await store.dueCustomers(clock.t + 2_000, 10)).toEqual(['acme']);
  });
});
