import { createMemoryBus, type ConsumerHandle, type DeliveredRecord, type EventBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { encodeBinary, type FirmwareChanged, type FirmwareObserved } from '@trustwatch/schemas';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { startFirmwareIngest, type FirmwareIngest } from '../embedded.js';
import type { BmcEndpoint } from '../redfish/endpoint.js';
import { observedEvent } from '../service/events.js';

/** A logger that writes nothing, for tests. */
export const silentLog = createLogger({ service: 'ingest-firmware-test', level: 'silent' });

/** Polls `check` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** A running ingest plus what it published to `firmware.changed` and dead-lettered on `firmware.observed`. */
export interface IngestHarness {
  readonly bus: EventBus;
  readonly store: TrustStore;
  readonly ingest: FirmwareIngest;
  readonly changes: { readonly id: string; readonly data: FirmwareChanged }[];
  readonly deadLetters: DeliveredRecord[];
  /** Polls every BMC once and waits until the consumer has handled every snapshot published so far. */
  pollAndSettle(): Promise<void>;
  /** Waits until the consumer has handled `count` snapshots in total. */
  handled(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the ingest on the given bus and store (memory ones by default), watching its output topics. */
export async function startHarness(
  endpoints: readonly BmcEndpoint[],
  options: { bus?: EventBus; store?: TrustStore; groupPrefix?: string; timeoutMs?: number } = {},
): Promise<IngestHarness> {
  const bus = options.bus ?? createMemoryBus({ logger: silentLog });
  const store = options.store ?? createMemoryTrustStore();
  const prefix = options.groupPrefix ?? 'test';
  const timeoutMs = options.timeoutMs ?? 10_000;
  await bus.ensureTopics(['firmware.observed', 'firmware.changed']);
  const ingest = await startFirmwareIngest({
    bus,
    store,
    log: silentLog,
    endpoints,
    groupId: `${prefix}-ingest`,
    retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
  });
  const changes: { id: string; data: FirmwareChanged }[] = [];
  const deadLetters: DeliveredRecord[] = [];
  const watchers: ConsumerHandle[] = [
    await bus.consume({
      groupId: `${prefix}-changes`,
      topics: ['firmware.changed'],
      handle: (event) => {
        if (event.type === 'com.trustwatch.firmware.changed.v1')
          changes.push({ id: event.id, data: event.data });
        return Promise.resolve({ status: 'done' });
      },
    }),
    await bus.consumeRecords({
      groupId: `${prefix}-dlq`,
      topics: ['firmware.observed.dlq'],
      handle: (record) => {
        deadLetters.push(record);
        return Promise.resolve();
      },
    }),
  ];
  const handledCount = (): number => {
    const m = ingest.metrics();
    return m.baselines + m.compared + m.stale;
  };
  const handled = (count: number, wait = timeoutMs) =>
    waitFor(`${count} snapshots handled`, () => handledCount() >= count, wait);
  return {
    bus,
    store,
    ingest,
    changes,
    deadLetters,
    handled,
    async pollAndSettle() {
      // Counted before the poll: a snapshot may be handled before pollOnce returns.
      const before = ingest.metrics().published;
      const handledBefore = handledCount();
      const round = await ingest.poller.pollOnce();
      if (round.failed.length > 0) throw new Error(`poll failed: ${String(round.failed[0]?.error)}`);
      const published = ingest.metrics().published - before;
      await handled(handledBefore + published);
    },
    async stop() {
      await ingest.stop();
      for (const watcher of watchers) await watcher.stop();
      if (options.bus === undefined) await bus.close();
      if (options.store === undefined) await store.close();
    },
  };
}

/** A snapshot as a raw Kafka record, for publishing directly or corrupting. */
export function snapshotRecord(snapshot: FirmwareObserved) {
  const message = encodeBinary(observedEvent(snapshot));
  return { key: message.key, value: message.value, headers: { ...message.headers } };
}
