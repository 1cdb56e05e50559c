import type { ConsumerHandle, EventBus, EventHandler, RetryPolicy } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import type { Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';
import { createMemoryAdvisoryCatalog, type AdvisoryCatalog } from './advisories/advisory-catalog.js';
import { systemClock, type Clock } from './clock.js';
import { createMemoryDecaySchedule, type DecaySchedule } from './decay/decay-schedule.js';
import { DecayScheduler } from './decay/decay-scheduler.js';
import { rebuildSchedule } from './decay/rebuild-schedule.js';
import { createEventHandler, ENGINE_TOPICS } from './engine/handle-event.js';
import { createIdleProgress, storeStartOffsets } from './engine/resume-offsets.js';
import { createSerializer } from './engine/serialize.js';

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
  readonly advisories?: AdvisoryCatalog;
  /** CloudEvents `source` of published trust changes. */
  readonly source?: string;
  /**
   * Recompute the decay schedule from the store before starting (default: true when no `schedule` is
   * given, so a fresh in-memory schedule picks up where the previous process left off).
   */
  readonly rebuildSchedule?: boolean;
  /** Repair summaries after races with other instances (default true; see `ApplyDeps.settle`). */
  readonly settle?: boolean;
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
}

/** Counters of one engine instance (for health pages and tests of work sharing). */
export interface TrustEngineMetrics {
  readonly done: number;
  readonly skipped: number;
  readonly decayReevaluations: number;
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
  const serialize = createSerializer();
  const shared = {
    store: options.store,
    bus: options.bus,
    policy: options.policy,
    log,
    schedule: options.schedule ?? createMemoryDecaySchedule(),
    source: options.source ?? 'trustwatch://trust-engine',
    ...(options.settle === undefined ? {} : { settle: options.settle }),
    serialize,
  };
  const decay = new DecayScheduler({
    ...shared,
    clock: options.clock ?? systemClock,
    ...(options.decayPollMs === undefined ? {} : { pollMs: options.decayPollMs }),
  });
  const counts = { done: 0, skipped: 0 };
  const inner = createEventHandler({
    ...shared,
    advisories: options.advisories ?? createMemoryAdvisoryCatalog(),
    afterApply: () => decay.rearm(),
    ...(options.resumeFromStore === false ? {} : { recordIdle: createIdleProgress(options.store) }),
  });
  const handle: EventHandler = async (event, context) => {
    const outcome = await inner(event, context);
    counts[outcome.status] += 1;
    return outcome;
  };
  if (options.rebuildSchedule ?? options.schedule === undefined) {
    const scheduled = await rebuildSchedule(options.store, shared.schedule, options.policy);
    log.info({ scheduled }, 'decay schedule rebuilt from the store');
  }
  decay.start();
  let consumer: ConsumerHandle;
  try {
    consumer = await options.bus.consume({
      groupId,
      topics: ENGINE_TOPICS,
      handle,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
      ...(options.resumeFromStore === false ? {} : { startOffsets: storeStartOffsets(options.store, log) }),
    });
  } catch (error) {
    await decay.stop();
    throw error;
  }
  log.info({ groupId, topics: ENGINE_TOPICS }, 'trust engine started');
  return {
    groupId,
    decay,
    handle,
    metrics: () => ({ ...counts, decayReevaluations: decay.reevaluations }),
    async stop(deadlineMs) {
      await consumer.stop(deadlineMs);
      await decay.stop();
    },
  };
}
