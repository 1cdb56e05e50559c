import { createMemoryBus } from '@trustwatch/bus';
import { createMemoryTrustStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { createCustomerLocks, type Hold } from '../engine/customer-locks.js';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { bigHack } from '../test-support/events.js';
import { silentLog } from '../test-support/harness.js';
import { firstPublishHeld } from '../test-support/held-publish.js';
import { waitFor } from '../test-support/recovery.js';
import { createMemoryDecaySchedule } from './decay-schedule.js';
import { DecayScheduler } from './decay-scheduler.js';
import { rebuildSchedule } from './rebuild-schedule.js';

describe('a decay re-evaluation of a customer a run holds', () => {
  it('waits until the run has published, then re-scores', async () => {
    const policy = await loadPolicy();
    const store = createMemoryTrustStore();
    await seedPortfolio(store);
    await (await directEngine(policy, store)).feed(bigHack());
    const schedule = createMemoryDecaySchedule();
    await rebuildSchedule(store, schedule, policy);
    const due = await schedule.next();
    if (due === null) throw new Error('the claim scheduled no re-evaluation');
    const memory = createMemoryBus({ logger: silentLog });
    await memory.ensureTopics(['trust.changed']);
    const held = firstPublishHeld(memory);
    const bus = held.bus;
    const locks = createCustomerLocks();
    const decay = new DecayScheduler({
      store,
      bus,
      policy,
      log: silentLog,
      source: 'trustwatch://trust-engine',
      locks,
      schedule,
      clock: new ManualClock(due),
    });
    const feedLength = async () => (await store.feed('acme', { limit: 100 })).entries.length;
    const before = await feedLength();
    // As a run of another partition does between its apply to acme and its publish.
    const run = await locks.acquire(['acme']);
    const running = decay.runDue();
    await waitFor(
      async () => locks.size().waiting > 0 || (await feedLength()) > before,
      5_000,
      'the re-evaluation to wait for acme or to apply',
    );
    expect(await feedLength()).toBe(before);
    run.release();
    // Now the re-evaluation applies and publishes (held): acme stays taken until that publish is out.
    await waitFor(() => Promise.resolve(held.held()), 5_000, 'the re-evaluation to publish');
    expect(await feedLength()).toBe(before + 1);
    let next: Hold | undefined;
    void locks.acquire(['acme']).then((hold) => {
      next = hold;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(next).toBeUndefined();
    held.open();
    expect(await running).toBeGreaterThanOrEqual(1);
    await waitFor(() => Promise.resolve(next !== undefined), 5_000, 'acme to be free again');
    expect(held.published.map((c) => c.customerId)).toContain('acme');
  });
});
