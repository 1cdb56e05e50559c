import { createMemoryBus, type EventBus, type EventTopic } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import { createMemoryTrustStore } from '@trustwatch/store';
import { ENGINE_TOPICS, loadPolicy, ManualClock, startTrustEngine } from '@trustwatch/trust-engine';
import { byTopic, type EventSet } from './event-set.js';
import { seedPortfolio, trustState, type ComparableState } from './state.js';
import { waitFor } from './wait.js';

/** Sum of a group's committed offsets on a topic: how many records it has finished. */
export async function committedCount(bus: EventBus, groupId: string, topic: EventTopic): Promise<number> {
  const offsets = await bus.committedOffsets(groupId, topic);
  return [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
}

/** Sum of committed offsets over every topic of an event set. */
export async function committedTotal(
  bus: EventBus,
  groupId: string,
  topics: Iterable<EventTopic>,
): Promise<number> {
  let total = 0;
  for (const topic of topics) total += await committedCount(bus, groupId, topic);
  return total;
}

/**
 * The fault-free reference: the same engine on the memory bus and store (the embedded default), fed the
 * whole event set, run to completion. Its final state is what every faulty run must end in.
 */
export async function oracleState(set: EventSet, log: Logger): Promise<Record<string, ComparableState>> {
  const bus = createMemoryBus({ logger: log });
  const store = createMemoryTrustStore();
  await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
  await seedPortfolio(store, set.portfolio);
  const groupId = 'oracle';
  const engine = await startTrustEngine({
    bus,
    store,
    policy: await loadPolicy(),
    log,
    groupId,
    clock: new ManualClock(Date.parse('2030-06-01T00:00:00Z')),
  });
  const topics = byTopic(set.events);
  for (const [topic, events] of topics) await bus.publish(topic, events);
  await waitFor(
    async () => (await committedTotal(bus, groupId, topics.keys())) === set.events.length,
    // The full form (10,000 events over 200 customers) takes about two minutes on a loaded machine.
    600_000,
    'the oracle run to commit every event',
  );
  await engine.stop();
  const state = await trustState(store, set.portfolio.customers.keys());
  await bus.close();
  return state;
}
