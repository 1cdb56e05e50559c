import { randomBytes } from 'node:crypto';
import type { EventBus } from '@trustwatch/bus';
import { createLogger, type Logger } from '@trustwatch/logging';
import type { TrustStore } from '@trustwatch/store';
import { startTrustEngine } from '@trustwatch/trust-engine';
import type { BenchContext } from './context.js';
import { envelopeOnlyBus } from './envelope-only-bus.js';
import { openBus, type LoadedTopics } from './kafka-link.js';
import { BatchCounter } from './batch-counter.js';
import { observeBus, type HandlerHooks } from './observed-bus.js';
import { passHooks } from './pipeline-hooks.js';
import type { PortfolioShape } from './portfolio.js';
import { seedFromTemplate } from './portfolio-template.js';
import { RateMeter, waitFor } from './rate.js';
import { openInstrumentedStore, type InstrumentedStore } from './redis-link.js';
import { eventCount } from './workload.js';

/** The engine as deployed (`full`), with data validation skipped, or with logging silenced. */
export type Variant = 'full' | 'no-validation' | 'no-logging';

/** One pass of the engine over the pre-loaded topics. */
export interface PipelineMeasure {
  readonly variant: Variant;
  readonly events: number;
  readonly perSecond: number;
  readonly seconds: number;
  readonly roundTrips: number;
  readonly roundTripsPerEvent: number;
  readonly deadLettered: number;
  /** Mean time inside the engine's handler per event, ms (the rest of the wall time is the bus's). */
  readonly handlerMsPerEvent: number;
  /** Of which publishing trust.changed (Kafka, acks from all replicas), ms per event. */
  readonly publishMsPerEvent: number;
  /** Runs handed to the engine's batch path (distinct partition and first offset); 0: no batch path. */
  readonly batches: number;
  /** Redis round trips per batch-path run (NaN when there was none). */
  readonly roundTripsPerBatch: number;
  readonly eventsPerBatch: number;
  /** Events the handler got one at a time (all of them without a batch path; else batch fallbacks). */
  readonly eventsOneAtATime: number;
}

export interface PipelineOptions {
  readonly variant: Variant;
  readonly loaded: LoadedTopics;
  readonly shape: PortfolioShape;
  /** Extra handler hooks (latency timing, per-item fan-out figures). */
  readonly hooks?: Partial<HandlerHooks>;
  /** Longest run the engine's consumer hands over at once (default: the engine's own setting). */
  readonly maxBatchSize?: number;
  /** Partitions the engine handles at once (default: the engine's own setting). */
  readonly concurrentPartitions?: number;
  /** Runs on the final state before the run's keys are deleted (the correctness gate). */
  readonly inspect?: (store: TrustStore) => Promise<void>;
  /** Sees the instrumented store once it is open (round-trip counting per event). */
  readonly onStore?: (link: InstrumentedStore) => Promise<void> | void;
  /** Replaces "every pre-loaded event handled" (live runs end when their producer is done). */
  readonly until?: (handled: number) => boolean;
  readonly timeoutMs?: number;
}

function variantLogger(ctx: BenchContext, variant: Variant): Logger {
  // Production logs at info, written synchronously; the sink is a file, not the terminal.
  return createLogger({
    service: 'trust-engine',
    level: variant === 'no-logging' ? 'silent' : 'info',
    destination: ctx.logSink,
  });
}

/**
 * Seeds a fresh key prefix, runs the engine in a fresh consumer group over the pre-loaded topics until
 * every event was handled, and reports the rate from the start of the first event to the end of the last and the Redis
 * round trips per event. Keys are deleted afterwards whatever happens.
 */
export async function runPipeline(ctx: BenchContext, options: PipelineOptions): Promise<PipelineMeasure> {
  const total = eventCount(options.loaded.events);
  const link = await openInstrumentedStore(
    ctx.config.redisUrl,
    `${ctx.tag}-${randomBytes(3).toString('hex')}`,
  );
  const log = variantLogger(ctx, options.variant);
  const bus = openBus(ctx.config.kafkaBrokers, options.loaded.namespace, log);
  const meter = new RateMeter();
  const spent = { handler: 0, publish: 0 };
  const batches = new BatchCounter();
  let stop: (() => Promise<void>) | undefined;
  try {
    await seedFromTemplate(ctx, options.shape, link.redis, link.prefix);
    await options.onStore?.(link);
    const hooks = passHooks({ roundTrips: link.roundTrips, meter, batches, spent }, options.hooks);
    stop = await startVariant(ctx, options, link, bus, log, hooks);
    const until = options.until ?? ((handled: number) => handled >= total);
    await waitFor(
      () => until(meter.count),
      options.timeoutMs ?? Math.max(120_000, total * 50),
      `${options.variant} pipeline`,
    );
    const roundTrips = link.roundTrips.count;
    await options.inspect?.(link.store);
    return {
      variant: options.variant,
      events: meter.count,
      perSecond: meter.perSecond(),
      seconds: meter.seconds,
      roundTrips,
      roundTripsPerEvent: roundTrips / Math.max(1, meter.count),
      deadLettered: bus.metrics().deadLettered,
      handlerMsPerEvent: spent.handler / Math.max(1, meter.count),
      publishMsPerEvent: spent.publish / Math.max(1, meter.count),
      ...batches.measure(roundTrips),
    };
  } finally {
    await stop?.();
    await bus.close();
    await link.close();
  }
}

async function startVariant(
  ctx: BenchContext,
  options: PipelineOptions,
  link: InstrumentedStore,
  bus: EventBus,
  log: Logger,
  hooks: HandlerHooks,
): Promise<() => Promise<void>> {
  const groupId = `${ctx.tag}-engine-${randomBytes(3).toString('hex')}`;
  const concurrentPartitions = options.concurrentPartitions ?? ctx.config.concurrentPartitions;
  // The engine as deployed in every variant; `no-validation` only swaps what its bus validates.
  const engineBus = options.variant === 'no-validation' ? envelopeOnlyBus(bus, log) : bus;
  const engine = await startTrustEngine({
    bus: observeBus(engineBus, hooks, batchSizeOf(options)),
    store: link.store,
    policy: ctx.policy,
    log,
    groupId,
    ...(concurrentPartitions === undefined ? {} : { concurrentPartitions }),
  });
  return () => engine.stop();
}

function batchSizeOf(options: PipelineOptions): { maxBatchSize?: number } {
  return options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize };
}
