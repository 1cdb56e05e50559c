import { createMemoryBus, type HandlerContext } from '@trustwatch/bus';
import { decodeEvent, type CloudEvent, type TrustChanged } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStoreAdvisoryCatalog } from '../advisories/advisory-catalog.js';
import { createMemoryDecaySchedule } from '../decay/decay-schedule.js';
import { loadPolicy } from '../policy.js';
import { seededEngine, seedPortfolio } from '../test-support/direct.js';
import { bigHack } from '../test-support/events.js';
import { fixtureVendorIds, silentLog } from '../test-support/harness.js';
import { firstPublishHeld } from '../test-support/held-publish.js';
import { swapSeries, waitFor } from '../test-support/recovery.js';
import { createCustomerLocks, type CustomerLocks } from './customer-locks.js';
import { createBatchHandler } from './handle-batch.js';
import { createEventHandler } from './handle-event.js';

const context = (topic: HandlerContext['topic'], partition: number): HandlerContext => ({
  topic,
  partition,
  offset: '0',
  attempt: 1,
  log: silentLog,
});

const run = (event: CloudEvent, topic: HandlerContext['topic'], partition: number) => [
  { event: decodeEvent(event), context: context(topic, partition) },
];

async function engineWith(policy: Policy, locks: CustomerLocks) {
  const store = createMemoryTrustStore();
  await seedPortfolio(store);
  const memory = createMemoryBus({ logger: silentLog });
  await memory.ensureTopics(['trust.changed']);
  const held = firstPublishHeld(memory);
  const deps = {
    store,
    bus: held.bus,
    policy,
    log: silentLog,
    schedule: createMemoryDecaySchedule(),
    advisories: createStoreAdvisoryCatalog(store),
    vendorIdOf: fixtureVendorIds,
    source: 'trustwatch://trust-engine',
    locks,
  };
  return { store, held, handleBatch: createBatchHandler(deps), handle: createEventHandler(deps) };
}

/** The changes one by one handling of `events`, in this order, records for acme, oldest first. */
async function sequentialAcme(policy: Policy, events: readonly CloudEvent[]): Promise<TrustChanged[]> {
  const sequential = await seededEngine(policy);
  for (const event of events) await sequential.feed(event);
  const page = await sequential.store.feed('acme', { limit: 10 });
  return page.entries.map((entry) => entry.change).reverse();
}

describe('runs of two partitions handled at once by one engine', () => {
  let policy: Policy;
  const news = bigHack();
  const [swap] = swapSeries(['acme'], 1);
  if (swap === undefined) throw new Error('no fixture swap for acme');
  const fromSwap = (c: TrustChanged) => c.causeEventIds.includes(swap.id);
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it("publishes a customer's changes in the order they were applied, however long a publish takes", async () => {
    const locks = createCustomerLocks();
    const { store, handleBatch, held } = await engineWith(policy, locks);
    // The news run applies to every Super Micro customer (acme among them); its publish is held.
    const newsRun = handleBatch(run(news, 'news.classified', 0));
    await waitFor(() => Promise.resolve(held.held()), 5_000, 'the news run to publish');
    // A firmware change of acme on another partition, handled while the news change is unpublished.
    const firmwareRun = handleBatch(run(swap, 'firmware.changed', 3));
    await waitFor(
      async () => locks.size().waiting > 0 || (await store.feed('acme', { limit: 10 })).entries.length > 1,
      5_000,
      'the firmware run to wait for acme or to apply',
    );
    // Not applied, let alone published: acme's next change waits for the one before it to be out.
    expect((await store.feed('acme', { limit: 10 })).entries).toHaveLength(1);
    expect(held.published.filter(fromSwap)).toEqual([]);
    held.open();
    await Promise.all([newsRun, firmwareRun]);
    const acme = held.published.filter((c) => c.customerId === 'acme');
    expect(acme.map((c) => c.causeEventIds)).toEqual([[news.id], [swap.id]]);
    // The last record a consumer reads is acme's state now.
    expect(acme).toEqual(await sequentialAcme(policy, [news, swap]));
    expect(locks.size()).toEqual({ held: 0, waiting: 0, owed: 0 });
  });

  it('publishes a change whose publish failed before any later change of its customer', async () => {
    const locks = createCustomerLocks();
    const { handleBatch, handle, held } = await engineWith(policy, locks);
    const newsRun = handleBatch(run(news, 'news.classified', 0));
    await waitFor(() => Promise.resolve(held.held()), 5_000, 'the news run to publish');
    const firmwareRun = handleBatch(run(swap, 'firmware.changed', 3));
    await waitFor(() => Promise.resolve(locks.size().waiting > 0), 5_000, 'the firmware run to wait');
    // The broker never acknowledges the news run's publish: the run fails, and its customers are free.
    held.fail(new Error('broker gone'));
    await expect(newsRun).rejects.toThrow('broker gone');
    await firmwareRun;
    // The bus hands the failed run's event to the single-event handler; it republishes what is left.
    await handle(decodeEvent(news), context('news.classified', 0));
    const acme = held.published.filter((c) => c.customerId === 'acme');
    const firstSeen = [...new Map(acme.map((c) => [c.causeEventIds.join(), c])).values()];
    expect(firstSeen).toEqual(await sequentialAcme(policy, [news, swap]));
    // Every Super Micro customer's news change went out, once or again (consumers drop repeats by id).
    const reached = new Set(
      held.published.filter((c) => c.causeEventIds.includes(news.id)).map((c) => c.customerId),
    );
    expect(reached.size).toBeGreaterThan(1);
    expect(locks.size()).toEqual({ held: 0, waiting: 0, owed: 0 });
  });
});
