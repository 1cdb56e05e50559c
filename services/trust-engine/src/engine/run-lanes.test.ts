import { createMemoryBus, partitionForKey, TopicCatalog } from '@trustwatch/bus';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { startTrustEngine } from '../embedded.js';
import { loadPolicy } from '../policy.js';
import { seedPortfolio } from '../test-support/direct.js';
import { CUSTOMERS, silentLog, sleep } from '../test-support/harness.js';
import { swapSeries } from '../test-support/recovery.js';
import { ENGINE_TOPICS } from './handle-event.js';

/** A store whose applies take a while and count how many are under way at once. */
function overlapCounting(store: TrustStore) {
  const seen = { now: 0, most: 0, calls: 0 };
  const counted: TrustStore = {
    ...store,
    async fanOut(customerIds, compute, extras) {
      seen.now += 1;
      seen.calls += 1;
      seen.most = Math.max(seen.most, seen.now);
      try {
        await sleep(20);
        return await store.fanOut(customerIds, compute, extras);
      } finally {
        seen.now -= 1;
      }
    },
  };
  return { store: counted, seen };
}

/** Applies under way at once while an engine handles one firmware change per fixture customer. */
async function mostAtOnce(concurrentPartitions: number | undefined): Promise<number> {
  const partitions = new TopicCatalog().spec('firmware.changed').partitions;
  // The precondition of the comparison: the changes sit on several partitions.
  expect(new Set(CUSTOMERS.map((c) => partitionForKey(c, partitions))).size).toBeGreaterThan(1);
  const base = createMemoryTrustStore();
  await seedPortfolio(base);
  const { store, seen } = overlapCounting(base);
  const bus = createMemoryBus({ logger: silentLog });
  await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
  const engine = await startTrustEngine({
    bus,
    store,
    policy: await loadPolicy(),
    log: silentLog,
    ...(concurrentPartitions === undefined ? {} : { concurrentPartitions }),
  });
  try {
    const swaps = CUSTOMERS.flatMap((customer, i) => swapSeries([customer], 1, i));
    await bus.publish('firmware.changed', swaps);
    while (engine.metrics().done < swaps.length) await sleep(10);
    // One apply per partition's run at least: more than one, or "at once" could not show.
    expect(seen.calls).toBeGreaterThan(1);
    return seen.most;
  } finally {
    await engine.stop();
    await bus.close();
  }
}

describe('how many runs one engine handles at once', () => {
  it('one at a time when asked to, although the memory bus hands over every partition at once', async () => {
    expect(await mostAtOnce(1)).toBe(1);
  });

  it("runs of one topic's partitions side by side by default", async () => {
    expect(await mostAtOnce(undefined)).toBeGreaterThan(1);
  });
});
