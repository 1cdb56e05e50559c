import type { BatchHandler, ConsumerHandle, EventBus, EventHandler, RetryPolicy } from '@trustwatch/bus';
import { shippedVendorIds, type VendorIdOf } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import type { Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';
import { createStoreAdvisoryCatalog, type AdvisoryCatalog } from './advisories/advisory-catalog.js';
import { systemClock, type Clock } from './clock.js';
import { DEFAULT_CONCURRENT_PARTITIONS } from './defaults.js';
import { createMemoryDecaySchedule, type DecaySchedule } from './decay/decay-schedule.js';
import { DecayScheduler } from './decay/decay-scheduler.js';
import { rebuildSchedule } from './decay/rebuild-schedule.js';
import { createBatchHandler } from './engine/handle-batch.js';
import { createEventHandler, ENGINE_TOPICS } from './engine/handle-event.js';
import { createIdleProgress, storeStartOffsets } from './engine/resume-offsets.js';
import { createCustomerLocks } from './engine/customer-locks.js';
import { createRejoin, REJOIN_DRAIN_MS } from './engine/rejoin.js';
import { createTopicGate } from './engine/topic-gate.js';

/** Everything the engine runs on; the embedded demo passes the memory adapters, main.ts Kafka and Redis. */
export interface TrustEngineOptions {
  readonly bus: EventBus;
  readonly store: TrustStore;
  readonly policy: Policy;
  readonly log: Logger;
  /** Consumer group; engines sharing it share the partitions. Default `trust-engine`. */
  readonly groupId?: string;
  readonly clock?: Clock;
  readonly schedule?: DecaySchedule;
  /** Default: the store's advisories, shared by every instance and kept across restarts. */
  readonly advisories?: AdvisoryCatalog;
  /**
   * How collectors' vendor names become catalog ids (default: the shipped entity catalog). Must agree
   * with the one fleet imports use, or an observed board and its imported fleet name two vendors.
   */
  readonly vendorIdOf?: VendorIdOf;
  /** CloudEvents `source` of published trust changes. */
  readonly source?: string;
  /**
   * Recompute the decay schedule from the store before starting (default: true when no `schedule` is
   * given, so a fresh in-memory schedule picks up where the previous process left off).
   */
  readonly rebuildSchedule?: boolean;
  readonly decayPollMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Backpressure: while it says false (e.g. Redis not ready) the consumer keeps its partitions paused. */
  readonly isHealthy?: () => Promise<boolean>;
  /**
   * Crash recovery (default true): on every partition assignment, resume from the store's last applied
   * offset + 1 where that is below the group's committed offset, so events whose effects a Redis crash
   * lost are applied again (the store's dedupe skips those that survived). Turn off only for a store that
   * records no positions.
   */
  readonly resumeFromStore?: boolean;
  /**
   * Subscribes to restarts of the store's server while the engine runs (the Redis store's `onRestart`):
   * the engine then leaves and rejoins its group, so every assigned partition rewinds to the store's
   * positions without a process restart. The store holds writes until the returned promise settles.
   */
  readonly storeRestarts?: (listener: () => Promise<void>) => () => void;
  /**
   * Partitions handled at once (default 6; the memory bus gives every partition a worker, Kafka hands
   * over this many batches at a time). Above 1, one run waits for Redis or for its publish while others
   * of its topic score (`TopicGate`: topics one after the other); each customer's changes still go out in
   * the order they were applied (`CustomerLocks`). Which of two topics' runs fetched together goes first
   * is then chance, as it is between two instances: what the engine makes of an event does not depend on
   * when another topic's event about the same customer is handled (advisory factors included). 1 handles
   * every run, and every decay re-evaluation, after the one before.
   */
  readonly concurrentPartitions?: number;
}

/** Counters of one engine instance (for health pages and tests of work sharing). */
export interface TrustEngineMetrics {
  readonly done: number;
  readonly skipped: number;
  readonly decayReevaluations: number;
  /** Times the engine rejoined its group to rewind after the store's server restarted. */
  readonly rejoins: number;
}

/** A running engine. */
export interface TrustEngine {
  readonly groupId: string;
  /** The decay scheduler (tests drive it with a manual clock and await `settled()`). */
  readonly decay: DecayScheduler;
  /** The handler the consumer runs, for callers that feed events directly (replays, backtests). */
  readonly handle: EventHandler;
  /** Events handled since start, by outcome, and decay re-evaluations run. */
  metrics(): TrustEngineMetrics;
  /** Leaves and rejoins the group so every assigned partition rewinds to the store's positions. */
  rejoin(): Promise<void>;
  /** Drains the consumer, then stops the scheduler. Closes neither bus nor store (the caller owns them). */
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * Starts the trust engine on a given bus and store: consumes the input topics in `groupId`, scores and
 * applies each event, publishes trust.changed, and runs the decay scheduler. The topics must exist.
 */
export async function startTrustEngine(options: TrustEngineOptions): Promise<TrustEngine> {
  const log = options.log.child({ module: 'trust-engine' });
  const groupId = options.groupId ?? 'trust-engine';
  const shared = {
    store: options.store,
    bus: options.bus,
    policy: options.policy,
    log,
    schedule: options.schedule ?? createMemoryDecaySchedule(),
    source: options.source ?? 'trustwatch://trust-engine',
    // One set for the whole instance: runs of different partitions and the decay scheduler share it.
    locks: createCustomerLocks(),
  };
  // Partitions of one topic side by side, topics and decay re-evaluations one after the other (see
  // TopicGate); with one partition at a time, every run after the other (the memory bus hands over
  // every partition at once).
  const concurrent = options.concurrentPartitions ?? DEFAULT_CONCURRENT_PARTITIONS;
  const gate = createTopicGate({ sideBySide: concurrent > 1 });
  const decay = new DecayScheduler({
    ...shared,
    inTurn: (task) => gate.run('decay re-evaluations', task),
    clock: options.clock ?? systemClock,
    ...(options.decayPollMs === undefined ? {} : { pollMs: options.decayPollMs }),
  });
  const counts = { done: 0, skipped: 0 };
  const handlerDeps = {
    ...shared,
    advisories: options.advisories ?? createStoreAdvisoryCatalog(options.store),
    vendorIdOf: options.vendorIdOf ?? shippedVendorIds(),
    afterApply: () => decay.rearm(),
    ...(options.resumeFromStore === false ? {} : { recordIdle: createIdleProgress(options.store) }),
  };
  const inner = createEventHandler(handlerDeps);
  const handle: EventHandler = async (event, context) => {
    const outcome = await gate.run(context.topic, () => inner(event, context));
    counts[outcome.status] += 1;
    return outcome;
  };
  const innerBatch = createBatchHandler(handlerDeps);
  // The fast path: a failed batch comes back to `handle` event by event (the bus's retry and dead-letter).
  const handleBatch: BatchHandler = async (items) => {
    const topic = items[0]?.context.topic ?? '';
    for (const outcome of await gate.run(topic, () => innerBatch(items))) counts[outcome.status] += 1;
  };
  if (options.rebuildSchedule ?? options.schedule === undefined) {
    const scheduled = await rebuildSchedule(options.store, shared.schedule, options.policy);
    log.info({ scheduled }, 'decay schedule rebuilt from the store');
  }
  decay.start();
  const consume = () =>
    options.bus.consume({
      groupId,
      topics: ENGINE_TOPICS,
      handle,
      handleBatch,
      concurrentPartitions: concurrent,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
      ...(options.resumeFromStore === false ? {} : { startOffsets: storeStartOffsets(options.store, log) }),
    });
  let consumer: ConsumerHandle;
  try {
    consumer = await consume();
  } catch (error) {
    await decay.stop();
    throw error;
  }
  const rejoin = createRejoin({
    log,
    leave: async () => {
      // A consumer that did not drain in time is abandoned uncommitted: its records come back anyway.
      await consumer.stop(REJOIN_DRAIN_MS).catch((err: unknown) => {
        log.warn({ err }, 'consumer did not drain before the rejoin');
      });
    },
    join: async () => {
      consumer = await consume();
    },
  });
  const unsubscribe =
    options.resumeFromStore === false ? undefined : options.storeRestarts?.(() => rejoin.run());
  log.info({ groupId, topics: ENGINE_TOPICS }, 'trust engine started');
  return {
    groupId,
    decay,
    handle,
    metrics: () => ({ ...counts, decayReevaluations: decay.reevaluations, rejoins: rejoin.count() }),
    rejoin: () => rejoin.run(),
    async stop(deadlineMs) {
      unsubscribe?.();
      rejoin.close();
      await rejoin.idle();
      await consumer.stop(deadlineMs);
      await decay.stop();
    },
  };
}
