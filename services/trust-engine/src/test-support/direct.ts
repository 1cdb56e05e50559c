import { createMemoryBus, type EventBus, type HandlerContext, type HandlerOutcome } from '@trustwatch/bus';
import type { VendorIdOf } from '@trustwatch/entities';
import { decodeEvent, type CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { createStoreAdvisoryCatalog } from '../advisories/advisory-catalog.js';
import { createMemoryDecaySchedule } from '../decay/decay-schedule.js';
import { createBatchHandler } from '../engine/handle-batch.js';
import { createEventHandler } from '../engine/handle-event.js';
import { createCustomerLocks } from '../engine/customer-locks.js';
import { fixtureVendorIds, PORTFOLIO, silentLog } from './harness.js';

/**
 * The engine's handler without a consumer: events are fed in a chosen order, as a replay would. Two
 * direct engines on one store are two instances (or one before and after a restart).
 */
export interface DirectEngine {
  readonly store: TrustStore;
  readonly bus: EventBus;
  feed(event: CloudEvent): Promise<void>;
  /** Feeds the events as one run of a partition, through the batch handler; one outcome per event. */
  feedBatch(events: readonly CloudEvent[]): Promise<HandlerOutcome[]>;
}

export async function directEngine(
  policy: Policy,
  store: TrustStore = createMemoryTrustStore(),
  vendorIdOf: VendorIdOf = fixtureVendorIds,
): Promise<DirectEngine> {
  const bus = createMemoryBus({ logger: silentLog });
  await bus.ensureTopics(['trust.changed']);
  const deps = {
    store,
    bus,
    policy,
    log: silentLog,
    schedule: createMemoryDecaySchedule(),
    advisories: createStoreAdvisoryCatalog(store),
    vendorIdOf,
    source: 'trustwatch://trust-engine',
    locks: createCustomerLocks(),
  };
  const handle = createEventHandler(deps);
  const handleBatch = createBatchHandler(deps);
  let offset = 0;
  const contextOf = (): HandlerContext => ({
    topic: 'news.classified',
    partition: 0,
    offset: String(offset++),
    attempt: 1,
    log: silentLog,
  });
  return {
    store,
    bus,
    async feed(event) {
      await handle(decodeEvent(event), contextOf());
    },
    async feedBatch(events) {
      return handleBatch(events.map((event) => ({ event: decodeEvent(event), context: contextOf() })));
    },
  };
}

/** Seeds the fixtures portfolio and supplier registry. */
export async function seedPortfolio(store: TrustStore): Promise<void> {
  for (const [customerId, assets] of Object.entries(PORTFOLIO.customers)) {
    await store.replaceFleet(customerId, assets, Date.parse('2018-01-01T00:00:00Z'));
  }
  for (const link of PORTFOLIO.suppliers) await store.linkSupplier(link, true);
}

/** A direct engine on a memory store seeded with the fixtures portfolio and supplier registry. */
export async function seededEngine(policy: Policy): Promise<DirectEngine> {
  const engine = await directEngine(policy);
  await seedPortfolio(engine.store);
  return engine;
}
