import { createMemoryBus } from '@trustwatch/bus';
import { decodeEvent, type CloudEvent } from '@trustwatch/schemas';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { ENGINE_TOPICS, startTrustEngine } from '@trustwatch/trust-engine';
import type { BenchContext } from './context.js';
import { seedPortfolio, type PortfolioShape } from './portfolio.js';
import type { TopicEvents } from './workload.js';

/**
 * The in-memory oracle: the same engine on the memory store, fed the same events directly through its
 * handler, one topic after another. Returns the store holding the state a correct run must end in.
 */
export async function oracleStore(
  ctx: BenchContext,
  events: TopicEvents,
  shape: PortfolioShape,
): Promise<TrustStore> {
  const store = createMemoryTrustStore();
  const bus = createMemoryBus({ logger: ctx.quietLog });
  await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
  await seedPortfolio(store, shape);
  const engine = await startTrustEngine({
    bus,
    store,
    policy: ctx.policy,
    log: ctx.quietLog,
    groupId: 'oracle',
  });
  try {
    for (const [topic, list] of events) {
      let offset = 0;
      for (const event of list as readonly CloudEvent[]) {
        const context = { topic, partition: 0, offset: String(offset), attempt: 1, log: ctx.quietLog };
        await engine.handle(decodeEvent(event), context);
        offset += 1;
      }
    }
  } finally {
    await engine.stop();
    await bus.close();
  }
  return store;
}
