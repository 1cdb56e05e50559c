import { createMemoryBus, topicCatalog } from '@trustwatch/bus';
import { createMemoryTrustStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTrustEngine } from '../embedded.js';
import { loadPolicy } from '../policy.js';
import { seedPortfolio } from '../test-support/direct.js';
import { CUSTOMERS, silentLog, sleep, storeState } from '../test-support/harness.js';
import { committedCount, resumedCount, swapSeries, waitFor } from '../test-support/recovery.js';
import { ENGINE_TOPICS } from './handle-event.js';
import { createIdleProgress, storeStartOffsets } from './resume-offsets.js';

describe('store resume offsets for the bus', () => {
  it('resumes a partition after its last applied record, and a partition the store never saw from 0', async () => {
    const store = createMemoryTrustStore();
    await store.recordProgress({ topic: 'firmware.changed', partition: 2, offset: '41' });
    const starts = await storeStartOffsets(store, silentLog)('firmware.changed');
    const partitions = topicCatalog().find((spec) => spec.name === 'firmware.changed')?.partitions ?? 0;
    expect(starts.size).toBe(partitions);
    expect(starts.get(2)).toBe('42');
    expect([...starts].filter(([partition]) => partition !== 2).map(([, offset]) => offset)).toEqual(
      Array.from({ length: partitions - 1 }, () => '0'),
    );
  });

  it('records the position of no-op events at most once per interval per partition', async () => {
    const store = createMemoryTrustStore();
    let now = 0;
    const record = createIdleProgress(store, 1000, () => now);
    const at = (partition: number, offset: number) => ({
      topic: 'firmware.observed' as const,
      partition,
      offset: String(offset),
    });
    await record(at(0, 5));
    await record(at(0, 6));
    await record(at(1, 9));
    expect(await store.resumeOffsets('firmware.observed')).toEqual(
      new Map([
        [0, '6'],
        [1, '10'],
      ]),
    );
    now = 1000;
    await record(at(0, 7));
    expect((await store.resumeOffsets('firmware.observed')).get(0)).toBe('8');
  });
});

describe('trust engine after its store lost writes', () => {
  const events = swapSeries(CUSTOMERS, 6);

  async function appliedThenLost(resumeFromStore: boolean) {
    const policy = await loadPolicy();
    const clock = new ManualClock(Date.parse('2018-10-01T00:00:00Z'));
    const bus = createMemoryBus({ logger: silentLog });
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const before = createMemoryTrustStore();
    await seedPortfolio(before);
    const options = { bus, policy, log: silentLog, clock, groupId: 'engine', resumeFromStore };
    const first = await startTrustEngine({ ...options, store: before });
    await bus.publish('firmware.changed', events);
    await waitFor(
      async () =>
        (await committedCount(bus, 'engine', 'firmware.changed')) === events.length &&
        (await resumedCount(before, 'firmware.changed')) === events.length,
      10_000,
      'the first engine to apply and commit every event',
    );
    await first.stop();
    // A store restored to the fleet import alone: every applied event since is lost, Kafka still committed.
    const after = createMemoryTrustStore();
    await seedPortfolio(after);
    const second = await startTrustEngine({ ...options, store: after });
    return { bus, before, after, second };
  }

  it('handles again every event the store lost though Kafka had committed it', async () => {
    const { bus, before, after, second } = await appliedThenLost(true);
    await waitFor(
      async () => (await resumedCount(after, 'firmware.changed')) === events.length,
      10_000,
      'the second engine to re-apply the lost events',
    );
    await second.stop();
    expect(second.metrics().done).toBe(events.length);
    expect(await storeState(after)).toEqual(await storeState(before));
    await bus.close();
  });

  it('leaves lost events lost when resuming from the store is turned off', async () => {
    const { bus, after, second } = await appliedThenLost(false);
    // Nothing is owed to this consumer from Kafka's point of view: give it time to wrongly do something.
    await sleep(300);
    await second.stop();
    expect(second.metrics().done).toBe(0);
    expect(await resumedCount(after, 'firmware.changed')).toBe(0);
    await bus.close();
  });
});
