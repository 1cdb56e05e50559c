import { randomUUID } from 'node:crypto';
import type { DisplayName, SilenceStore } from '@trustwatch/alerting';
import type { ConsumerHandle, EventBus, EventHandler, RetryPolicy } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import type { AlertingStore } from '@trustwatch/store';
import { createDeliveryEngine, type DeliveryEngine } from '../delivery/engine.js';
import type { BackoffPolicy } from '../delivery/backoff.js';
import type { RunSummary } from '../delivery/record.js';
import type { OutboxPort } from '../outbox/outbox-port.js';
import { applyChange, type StepDeps } from './apply-change.js';
import type { AlertingSetup } from './alerting-setup.js';
import { flushCustomer } from './flush-customer.js';
import { Ticker } from './ticker.js';

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
  /** How often due groups are flushed and the outbox is worked, ms. Default 1000. */
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
  /** One dispatcher pass: flush every due customer, then work the outbox until nothing is due. */
  tick(): Promise<void>;
  metrics(): AlerterMetrics;
  /** Stops the timer, drains the consumer, closes SMTP transports. Closes neither bus nor stores. */
  stop(deadlineMs?: number): Promise<void>;
}

// Customers flushed per pass and outbox batches per pass: bounded so one pass stays short.
const DUE_PER_PASS = 500;
const BATCHES_PER_PASS = 20;
// Expired silences stay listed for a week (who muted what, and why, is audit material), then go; the
// store is swept hourly, which keeps the per-tick silence read bounded.
export const SILENCE_RETENTION_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Starts the alerter: consumes trust.changed (per-customer order, dead-lettering invalid records through
 * the bus), applies each change to the persisted alert state, and on a timer flushes due groups into the
 * durable outbox and delivers it. The trust.changed topic must exist.
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
  const counts = { changes: 0, duplicates: 0, notifications: 0, muted: 0 };
  const delivery: RunSummary = { claimed: 0, sent: 0, retried: 0, dead: 0, disabled: 0, deferred: 0 };

  const handle: EventHandler = async (event, context) => {
    if (event.type !== 'com.trustwatch.trust.changed.v1') {
      return { status: 'skipped', reason: `not a trust change: ${event.type}` };
    }
    const outcome = await applyChange(step, event.data, event.id);
    if (outcome.status === 'duplicate') {
      counts.duplicates += 1;
      return { status: 'skipped', reason: 'trust change already applied' };
    }
    counts.changes += 1;
    context.log.debug({ customerId: event.data.customerId, alerts: outcome.alerts }, 'trust change applied');
    return { status: 'done' };
  };

  let prunedAt = Number.NEGATIVE_INFINITY;
  async function tick(): Promise<void> {
    const t = now();
    if (t - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = t;
      const pruned = await options.store.pruneSilences(t - SILENCE_RETENTION_MS);
      if (pruned > 0) log.info({ pruned }, 'expired silences pruned');
    }
    const silences: SilenceStore = {
      version: 1,
      silences: Object.fromEntries((await options.store.listSilences()).map((s) => [s.id, s])),
    };
    for (const customerId of await options.store.dueCustomers(t, DUE_PER_PASS)) {
      try {
        const flushed = await flushCustomer({ ...step, engine, silences }, customerId);
        counts.notifications += flushed.notifications;
        counts.muted += flushed.muted;
      } catch (err) {
        log.warn({ err, customerId }, 'flush failed; the customer stays due');
      }
    }
    for (let batch = 0; batch < BATCHES_PER_PASS; batch += 1) {
      const summary = await engine.runOnce();
      for (const key of Object.keys(delivery) as (keyof RunSummary)[]) delivery[key] += summary[key];
      if (summary.claimed === 0 || summary.claimed === summary.deferred) break;
    }
  }

  const ticker = new Ticker(options.tickMs ?? 1000, tick, (err) => log.error({ err }, 'alerter tick failed'));
  const consumer: ConsumerHandle = await options.bus.consume({
    groupId: options.groupId ?? 'alerter',
    topics: ['trust.changed'],
    handle,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
  });
  ticker.start();
  log.info(
    { groupId: consumer.groupId, receivers: options.setup.receivers.map((r) => r.name) },
    'alerter started',
  );
  return {
    handle,
    tick: () => ticker.runNow(),
    metrics: () => ({ ...counts, delivery: { ...delivery } }),
    async stop(deadlineMs) {
      // The timer first: what the consumer still commits stays due and the next process flushes it.
      await ticker.stop();
      await consumer.stop(deadlineMs);
      engine.close();
    },
  };
}
