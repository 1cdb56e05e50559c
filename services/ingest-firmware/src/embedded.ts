import type { ConsumerHandle, EventBus, RetryPolicy } from '@trustwatch/bus';
import type { VendorIdOf } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import type { TrustStore } from '@trustwatch/store';
import { ReadTrigger } from './push/read-trigger.js';
import { RedfishClient } from './redfish/client.js';
import type { BmcEndpoint } from './redfish/endpoint.js';
import { readInventory, type InventoryReading } from './redfish/inventory.js';
import { FirmwarePoller } from './redfish/poller.js';
import { observedEvent } from './service/events.js';
import { createObservedHandler, type ObservedOutcome } from './service/handle-observed.js';
import { createStoreAssetSnapshots, type AssetSnapshots } from './service/snapshot-store.js';
import { vendorKeyOf } from './service/store-catalog.js';

/** Everything the service runs on; the demo and tests pass memory adapters, main.ts Kafka and Redis. */
export interface FirmwareIngestOptions {
  readonly bus: EventBus;
  readonly store: TrustStore;
  readonly log: Logger;
  /** BMCs to poll; none means the service only consumes snapshots published by others. */
  readonly endpoints?: readonly BmcEndpoint[];
  /** Last known inventory per asset. Default: kept in `store`, so it lives as long as the store's data. */
  readonly snapshots?: AssetSnapshots;
  /** Consumer group of the snapshot consumer. Default `ingest-firmware`. */
  readonly groupId?: string;
  /** Most BMCs read at once. Default 8. */
  readonly concurrency?: number;
  /** Reads one BMC; default `readInventory` over one `RedfishClient` per BMC (keeping its ETag cache). */
  readonly read?: (endpoint: BmcEndpoint) => Promise<InventoryReading>;
  /** Shortest time between two push-triggered reads of one BMC. Default 30 s. */
  readonly triggerIntervalMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Backpressure: while it says false (e.g. Redis not ready) the consumer keeps its partitions paused. */
  readonly isHealthy?: () => Promise<boolean>;
  /**
   * Vendor names to catalog ids, so a known-good catalog saying "Dell Inc." covers a BMC saying "Dell"
   * (default: the shipped entity catalog). Import the known-good catalog with the same one.
   */
  readonly vendorIdOf?: VendorIdOf;
}

/** Counters of one running service, for health pages and tests. */
export interface FirmwareIngestMetrics {
  readonly published: number;
  readonly baselines: number;
  readonly compared: number;
  readonly changes: number;
  readonly stale: number;
}

/** A running firmware ingest. */
export interface FirmwareIngest {
  readonly poller: FirmwarePoller;
  /** Re-reads a BMC on a push event (coalesced, rate-limited); pass it to the push server. */
  readonly trigger: ReadTrigger;
  /** Polls every BMC in a loop until `stop()`; resolves at once, the loop runs in the background. */
  startPolling(intervalMs: number): void;
  metrics(): FirmwareIngestMetrics;
  /** Stops polling, waits for triggered reads, drains the consumer. Closes neither bus nor store. */
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * Starts the firmware ingest on a given bus and store: BMC snapshots go to `firmware.observed`, and a
 * consumer of that topic (snapshots from the poller or from CMDBs, fwupd, agents) detects changes and
 * publishes `firmware.changed`. The topics must exist.
 */
export async function startFirmwareIngest(options: FirmwareIngestOptions): Promise<FirmwareIngest> {
  const log = options.log.child({ module: 'ingest-firmware' });
  const counts = { published: 0, baselines: 0, compared: 0, changes: 0, stale: 0 };
  const count = (outcome: ObservedOutcome): void => {
    if (outcome.kind === 'baseline') counts.baselines += 1;
    else if (outcome.kind === 'stale') counts.stale += 1;
    else {
      counts.compared += 1;
      counts.changes += outcome.changes;
    }
  };
  const consumer: ConsumerHandle = await options.bus.consume({
    groupId: options.groupId ?? 'ingest-firmware',
    topics: ['firmware.observed'],
    handle: createObservedHandler(
      {
        bus: options.bus,
        store: options.store,
        snapshots: options.snapshots ?? createStoreAssetSnapshots(options.store),
        ...(options.vendorIdOf === undefined ? {} : { vendorKey: vendorKeyOf(options.vendorIdOf) }),
      },
      count,
    ),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
  });
  const clients = new Map<string, RedfishClient>();
  const read =
    options.read ??
    ((endpoint: BmcEndpoint) => {
      const client = clients.get(endpoint.id) ?? new RedfishClient(endpoint);
      clients.set(endpoint.id, client);
      return readInventory(client);
    });
  const poller = new FirmwarePoller({
    endpoints: options.endpoints ?? [],
    concurrency: options.concurrency ?? 8,
    read,
    onSnapshot: async ({ snapshot }) => {
      await options.bus.publish('firmware.observed', [observedEvent(snapshot)]);
      counts.published += 1;
    },
    log: log.child({ module: 'poller' }),
  });
  const trigger = new ReadTrigger({
    read: async (bmcId) => void (await poller.pollBmc(bmcId)),
    minIntervalMs: options.triggerIntervalMs ?? 30_000,
  });
  const abort = new AbortController();
  let polling: Promise<void> = Promise.resolve();
  return {
    poller,
    trigger,
    startPolling(intervalMs) {
      polling = poller.run(intervalMs, abort.signal);
    },
    metrics: () => ({ ...counts }),
    async stop(deadlineMs) {
      abort.abort();
      await polling;
      await trigger.stop();
      await consumer.stop(deadlineMs);
    },
  };
}
