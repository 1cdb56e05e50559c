import { createKafkaBus, type EventBus } from '@trustwatch/bus';
import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { openRedisTrustStore, type RedisTrustStore, type TrustStore } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { startTrustEngine, type TrustEngine } from './embedded.js';
import { ENGINE_TOPICS } from './engine/handle-event.js';
import { loadPolicy } from './policy.js';
import { seedPortfolio } from './test-support/direct.js';
import { CUSTOMERS, silentLog, storeState, type CustomerState } from './test-support/harness.js';
import { committedCount, resumedCount, swapSeries, waitFor } from './test-support/recovery.js';
import { startSnapshotRedis, type SnapshotRedis } from './test-support/snapshot-redis.js';

const TOPIC = 'firmware.changed';
// The first half only touches globex, so the second half also lands on a partition (acme, initech and
// umbrella share another one) of which the snapshot holds no position at all.
const FIRST = swapSeries(['globex'], 5);
const SECOND = swapSeries(CUSTOMERS, 5, 5);
const THIRD = swapSeries(CUSTOMERS, 5, 10);
const EVENTS = [...FIRST, ...SECOND];

/** Factors sorted by id: the store promises no order, and a restored hash may list them differently. */
async function stateOf(store: TrustStore): Promise<Record<string, CustomerState>> {
  const state = await storeState(store);
  for (const customer of Object.values(state)) customer.factors.sort((a, b) => (a.id < b.id ? -1 : 1));
  return state;
}

describe('trust engine after a Redis crash', () => {
  let policy: Policy;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    policy = await loadPolicy();
  });
  afterEach(async () => {
    // Every cleanup runs even when one fails, so no private redis-server outlives the test.
    let failure: Error | undefined;
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    if (failure !== undefined) throw failure;
  });

  function kafkaBus(): EventBus {
    const bus = createKafkaBus({
      brokers: integrationTargets().kafkaBrokers,
      clientId: uniqueName('trust-engine-crash'),
      namespace: `${uniqueName('te-crash')}.`,
      logger: silentLog,
    });
    cleanups.push(async () => {
      await bus.deleteTopics();
      await bus.close();
    });
    return bus;
  }

  async function openStore(url: string, prefix: string): Promise<RedisTrustStore> {
    const store = await openRedisTrustStore({ url, prefix, checkDurability: false });
    // A store the test closed itself (the process going down) rejects a second close: nothing left to do.
    cleanups.push(() => store.close().catch(() => undefined));
    return store;
  }

  async function startEngine(bus: EventBus, store: RedisTrustStore, groupId: string): Promise<TrustEngine> {
    const clock = new ManualClock(Date.parse('2018-10-01T00:00:00Z'));
    const engine = await startTrustEngine({
      bus,
      store,
      policy,
      log: silentLog,
      clock,
      groupId,
      isHealthy: () => Promise.resolve(store.isReady()),
      storeRestarts: (listener) => store.onRestart(listener),
    });
    cleanups.push(() => engine.stop());
    return engine;
  }

  /** Publishes, then waits until Kafka committed and the store recorded `total` records in all. */
  async function applyAndCommit(
    bus: EventBus,
    store: TrustStore,
    groupId: string,
    events: readonly CloudEvent[],
    total: number,
  ): Promise<void> {
    await bus.publish(TOPIC, events);
    await waitFor(
      async () =>
        (await committedCount(bus, groupId, TOPIC)) === total && (await resumedCount(store, TOPIC)) === total,
      60_000,
      `${String(total)} records applied and committed`,
    );
  }

  async function withoutCrash(batches = [FIRST, SECOND]): Promise<Record<string, CustomerState>> {
    const bus = kafkaBus();
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const store = await openStore(integrationTargets().redisUrl, uniqueName('twtest-engine-ref'));
    await seedPortfolio(store);
    const groupId = uniqueName('trust-engine');
    await startEngine(bus, store, groupId);
    let total = 0;
    for (const batch of batches) {
      total += batch.length;
      await applyAndCommit(bus, store, groupId, batch, total);
    }
    return stateOf(store);
  }

  it('re-applies what a crash lost, ends where a run without the crash ends, and ignores a full redelivery', async () => {
    const expected = await withoutCrash();
    const redis: SnapshotRedis = await startSnapshotRedis();
    cleanups.push(() => redis.stop());
    const prefix = uniqueName('twtest-engine-crash');
    const bus = kafkaBus();
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const groupId = uniqueName('trust-engine');

    const store = await openStore(redis.url, prefix);
    await seedPortfolio(store);
    const first = await startEngine(bus, store, groupId);
    await applyAndCommit(bus, store, groupId, FIRST, 5);
    const saved = { state: await stateOf(store), progress: await store.resumeOffsets(TOPIC) };
    await redis.save();
    await applyAndCommit(bus, store, groupId, SECOND, 10);
    expect(await stateOf(store)).toEqual(expected);
    const unsaved = [...(await store.resumeOffsets(TOPIC)).keys()].filter((p) => !saved.progress.has(p));
    expect(unsaved.length).toBeGreaterThan(0);

    // The engine's process stops (every record was committed already) and Redis is killed; it comes back
    // from its last snapshot: the state and positions of the first half, the second half lost.
    await first.stop();
    await store.close();
    await redis.crash();
    await redis.start();
    const restored = await openStore(redis.url, prefix);
    expect(await stateOf(restored)).toEqual(saved.state);
    expect(await restored.resumeOffsets(TOPIC)).toEqual(saved.progress);
    expect(saved.state).not.toEqual(expected);
    expect(await committedCount(bus, groupId, TOPIC)).toBe(10);

    const second = await startEngine(bus, restored, groupId);
    await waitFor(
      async () => (await resumedCount(restored, TOPIC)) === 10 && second.metrics().done >= 5,
      60_000,
      'the restarted engine to re-apply the five lost events',
    );
    expect(second.metrics().done).toBe(5);
    expect(await stateOf(restored)).toEqual(expected);

    await applyAndCommit(bus, restored, groupId, EVENTS, 20);
    await waitFor(async () => Promise.resolve(second.metrics().done >= 15), 10_000, 'the redelivery');
    expect(await stateOf(restored)).toEqual(expected);
    // Only the lost tail and the redelivery were handled: nothing before the snapshot ran twice.
    expect(second.metrics()).toMatchObject({ done: 15, skipped: 0 });
  }, 180_000);

  it('rewinds without a restart when Redis crashes under a running engine and comes back from an older snapshot', async () => {
    const expected = await withoutCrash([FIRST, SECOND, THIRD]);
    const redis: SnapshotRedis = await startSnapshotRedis();
    cleanups.push(() => redis.stop());
    const bus = kafkaBus();
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const groupId = uniqueName('trust-engine');
    const store = await openStore(redis.url, uniqueName('twtest-engine-live'));
    await seedPortfolio(store);
    const engine = await startEngine(bus, store, groupId);
    await applyAndCommit(bus, store, groupId, FIRST, 5);
    const saved = await stateOf(store);
    await redis.save();
    await applyAndCommit(bus, store, groupId, SECOND, 10);

    // Redis dies under the running engine; events keep arriving while it is down; it comes back with
    // the snapshot taken after FIRST. Kafka has committed all of SECOND already.
    await redis.crash();
    await bus.publish(TOPIC, THIRD);
    await redis.start();
    await waitFor(
      async () =>
        (await committedCount(bus, groupId, TOPIC)) === 15 && (await resumedCount(store, TOPIC)) === 15,
      90_000,
      'the running engine to re-apply the lost events and apply the new ones',
    );
    expect(saved).not.toEqual(expected);
    expect(await stateOf(store)).toEqual(expected);
    // FIRST survived and was not handled again; SECOND was re-applied once; THIRD applied once.
    expect(engine.metrics()).toMatchObject({ done: 20, skipped: 0, rejoins: 1 });
  }, 180_000);
});
