import { randomUUID } from 'node:crypto';
import type { DisplayName } from '@trustwatch/alerting';
import type { TrustChanged } from '@trustwatch/schemas';
import type {
  BatchHandler,
  ConsumerHandle,
  EventBus,
  EventHandler,
  HandlerContext,
  RetryPolicy,
} from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import type { AlertingStore } from '@trustwatch/store';
import { createDeliveryEngine, type DeliveryEngine } from '../delivery/engine.js';
import type { BackoffPolicy } from '../delivery/backoff.js';
import type { RunSummary } from '../delivery/record.js';
import type { OutboxPort } from '../outbox/outbox-port.js';
import { applyChange, type StepDeps } from './apply-change.js';
import type { AlertingSetup } from './alerting-setup.js';
import { applyByCustomer } from './apply-batch.js';
import { createDeliveryPass, createFlushPass, type PassCounts } from './passes.js';
import { WakeLoop } from './wake-loop.js';

/** Everything the alerter runs on: main.ts passes Kafka and Redis, the embedded demo memory adapters. */
export interface AlerterOptions {
  readonly bus: EventBus;
  readonly store: AlertingStore;
  readonly outbox: OutboxPort;
  readonly setup: AlertingSetup;
  readonly log: Logger;
  /** Base URL of the dashboard the alerts link to (http://localhost:8080 in the demo). */
  readonly dashboardBaseUrl: string;
  /** Names shown in summaries instead of ids where known (e.g. vendorDisplayNames of the entity catalog). */
  readonly displayName?: DisplayName;
  /** Consumer group of trust.changed; alerters sharing it share the customers. Default `alerter`. */
  readonly groupId?: string;
  /**
   * The dispatcher's safety net, ms (default 1000): due groups are flushed at their due instant and the
   * outbox is worked as soon as it has units, and both also run at least this often (groups made due by
   * another alerter, retries after backoff).
   */
  readonly tickMs?: number;
  readonly now?: () => number;
  readonly backoff?: BackoffPolicy;
  readonly retry?: Partial<RetryPolicy>;
  /** Backpressure: while false (e.g. Redis not ready) the consumer keeps its partitions paused. */
  readonly isHealthy?: () => Promise<boolean>;
}

/** Counters since start (health pages, tests, the storm measurement). */
export interface AlerterMetrics {
  readonly changes: number;
  readonly duplicates: number;
  readonly notifications: number;
  readonly muted: number;
  readonly delivery: RunSummary;
}

export interface Alerter {
  readonly handle: EventHandler;
  /** One dispatcher pass now: flush every due customer, then work the outbox until nothing is due. */
  tick(): Promise<void>;
  metrics(): AlerterMetrics;
  /** Stops the timers, drains the consumer, closes SMTP transports. Closes neither bus nor stores. */
  stop(deadlineMs?: number): Promise<void>;
}

export { SILENCE_RETENTION_MS } from './passes.js';

/**
 * Starts the alerter: consumes trust.changed (per-customer order, dead-lettering invalid records through
 * the bus; a fetched run's customers applied concurrently), applies each change to the persisted alert
 * state, flushes each group into the durable outbox at its due instant, and delivers what the outbox
 * holds as soon as it holds it; both passes also run every `tickMs`. The trust.changed topic must exist.
 */
export async function startAlerter(options: AlerterOptions): Promise<Alerter> {
  const log = options.log.child({ module: 'alerter' });
  const now = options.now ?? Date.now;
  const step: StepDeps = {
    store: options.store,
    rules: options.setup.rules,
    tree: options.setup.tree,
    dashboardBaseUrl: options.dashboardBaseUrl,
    now,
    ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
  };
  const engine: DeliveryEngine = createDeliveryEngine({
    outbox: options.outbox,
    receivers: options.setup.receivers,
    policy: options.setup.policy,
    owner: `alerter-${randomUUID()}`,
    now,
    log: log.child({ module: 'delivery' }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
  });
  const counts = { changes: 0, duplicates: 0 };
  const passCounts: PassCounts = {
    notifications: 0,
    muted: 0,
    delivery: { claimed: 0, sent: 0, retried: 0, dead: 0, disabled: 0, deferred: 0 },
  };
  const tickMs = options.tickMs ?? 1000;
  const onError = (err: unknown): void => log.error({ err }, 'alerter pass failed');
  const passDeps = {
    step,
    engine,
    log,
    counts: passCounts,
    sweepSoon: () => flusher.sweepSoon(),
    wakeDelivery: (instant: number) => deliverer.wakeAt(instant),
  };
  const flusher = new WakeLoop({ intervalMs: tickMs, now, onError, work: createFlushPass(passDeps) });
  const deliverer = new WakeLoop({ intervalMs: tickMs, now, onError, work: createDeliveryPass(passDeps) });

  async function applyOne(change: TrustChanged, eventId: string, context: HandlerContext): Promise<boolean> {
    const outcome = await applyChange(step, change, eventId);
    if (outcome.status === 'duplicate') {
      counts.duplicates += 1;
      return false;
    }
    counts.changes += 1;
    // The touched groups' flush instants: the dispatcher flushes this customer then, not a tick later.
    for (const instant of outcome.flushAt) flusher.wakeAt(instant, change.customerId);
    context.log.debug({ customerId: change.customerId, alerts: outcome.alerts }, 'trust change applied');
    return true;
  }

  const handle: EventHandler = async (event, context) => {
    if (event.type !== 'com.trustwatch.trust.changed.v1') {
      return { status: 'skipped', reason: `not a trust change: ${event.type}` };
    }
    return (await applyOne(event.data, event.id, context))
      ? { status: 'done' }
      : { status: 'skipped', reason: 'trust change already applied' };
  };
  // A fetched run of a partition: its customers applied concurrently, each one's changes in order.
  const handleBatch: BatchHandler = (items) =>
    applyByCustomer(
      items,
      (item) => (item.event.type === 'com.trustwatch.trust.changed.v1' ? item.event.data.customerId : ''),
      async ({ event, context }) => {
        if (event.type === 'com.trustwatch.trust.changed.v1') await applyOne(event.data, event.id, context);
      },
    );

  const consumer: ConsumerHandle = await options.bus.consume({
    groupId: options.groupId ?? 'alerter',
    topics: ['trust.changed'],
    handle,
    handleBatch,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
  });
  flusher.start();
  deliverer.start();
  log.info(
    { groupId: consumer.groupId, receivers: options.setup.receivers.map((r) => r.name) },
    'alerter started',
  );
  return {
    handle,
    async tick() {
      await flusher.runNow();
      await deliverer.runNow();
    },
    metrics: () => ({
      ...counts,
      notifications: passCounts.notifications,
      muted: passCounts.muted,
      delivery: { ...passCounts.delivery },
    }),
    async stop(deadlineMs) {
      // The timers first: what the consumer still commits stays due and the next process flushes it.
      await flusher.stop();
      await deliverer.stop();
      await consumer.stop(deadlineMs);
      engine.close();
    },
  };
}
