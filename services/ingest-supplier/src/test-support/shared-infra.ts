import { createKafkaBus, type ConsumerHandle, type DeliveredRecord, type EventBus } from '@trustwatch/bus';
import { openRedisTrustStore, type TrustStore } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { silentLog } from './supplier-harness.js';

/** The real broker and Redis as one integration test file uses them, and the call that closes both. */
export interface SupplierInfra {
  readonly bus: EventBus;
  readonly store: TrustStore & { isReady(): boolean };
  /** Deletes this file's topics, then closes the bus and the store. */
  close(): Promise<void>;
}

/**
 * A Kafka bus on a namespace of its own and a trust store under a unique prefix, so test files running
 * side by side on the shared broker and Redis never see each other's topics or keys.
 */
export async function openSupplierInfra(name: string): Promise<SupplierInfra> {
  const { kafkaBrokers, redisUrl } = integrationTargets();
  const bus = createKafkaBus({
    brokers: kafkaBrokers,
    clientId: uniqueName(`ingest-${name}`),
    namespace: `${uniqueName(name)}.`,
    logger: silentLog,
  });
  const store = await openRedisTrustStore({
    url: redisUrl,
    prefix: uniqueName('twtest-sup'),
    checkDurability: false,
  });
  return {
    bus,
    store,
    async close() {
      await bus.deleteTopics();
      await bus.close();
      await store.close();
    },
  };
}

/** A consumer of its own group that appends every supplier.changed record to `records`. */
export function watchSupplierChanged(
  bus: EventBus,
  name: string,
  records: DeliveredRecord[],
): Promise<ConsumerHandle> {
  return bus.consumeRecords({
    groupId: uniqueName(`${name}-watch`),
    topics: ['supplier.changed'],
    handle: (record) => {
      records.push(record);
      return Promise.resolve();
    },
  });
}
