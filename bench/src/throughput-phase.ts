import type { BatchFigures } from './batch-counter.js';
import type { BenchContext } from './context.js';
import { loadTopics } from './kafka-link.js';
import { runPipeline, type Variant } from './pipeline.js';
import type { PortfolioShape } from './portfolio.js';
import { referenceBare, referenceConsume, referenceRedis } from './references.js';
import { MAX_CV, median, series, type Series } from './stats.js';
import { oneToOneEvents } from './workload.js';

export type ThroughputName = 'R_consume' | 'R_redis' | 'R_bare' | Variant;

/** Events per second of each reference and variant, and the engine's Redis round trips per event. */
export interface ThroughputPhase {
  readonly events: number;
  readonly rates: Readonly<Record<ThroughputName, Series>>;
  /** Series whose first attempt varied by more than 10 % and were measured again. */
  readonly repeated: readonly ThroughputName[];
  readonly roundTripsPerEvent: Readonly<Record<Variant | 'R_bare' | 'R_redis', number>>;
  /** The full engine's batches (medians over repetitions): see {@link BatchFigures}; NaN: no batch path. */
  readonly fullEngineBatches: Omit<BatchFigures, 'batches'>;
  /** Whether each variant took the batch path (an A/B between different paths measures the paths). */
  readonly batchPath: Readonly<Record<Variant, boolean>>;
  /** Where the full engine's time per event goes (medians over repetitions), ms. */
  readonly fullEngineMs: { readonly wall: number; readonly handler: number; readonly publish: number };
}

interface Sample {
  readonly perSecond: number;
  readonly roundTripsPerEvent: number;
  readonly handlerMs?: number;
  readonly publishMs?: number;
  readonly batches?: BatchFigures;
}

/**
 * 1:1 events (firmware changes, supplier additions on single-customer vendors) pre-loaded once; every
 * repetition runs each reference and variant once, in an order rotated per repetition (interleaved, so
 * a busy minute on the shared machine hits all of them alike). A series with CV > 10 % is run again.
 */
export async function runThroughputPhase(ctx: BenchContext, shape: PortfolioShape): Promise<ThroughputPhase> {
  const events = oneToOneEvents(ctx.config.events, shape, { tag: `${ctx.tag}-tp`, epoch: ctx.epoch });
  const loaded = await loadTopics(ctx, 'tp', events);
  const pipeline = (variant: Variant) => async (): Promise<Sample> => {
    const m = await runPipeline(ctx, { variant, loaded, shape });
    return {
      perSecond: m.perSecond,
      roundTripsPerEvent: m.roundTripsPerEvent,
      handlerMs: m.handlerMsPerEvent,
      publishMs: m.publishMsPerEvent,
      batches: m,
    };
  };
  const reference = (run: typeof referenceBare) => async (): Promise<Sample> => {
    const m = await run(ctx, loaded);
    return { perSecond: m.perSecond, roundTripsPerEvent: m.roundTripsPerItem };
  };
  const runners: Record<ThroughputName, () => Promise<Sample>> = {
    R_consume: reference(referenceConsume),
    R_redis: reference(referenceRedis),
    R_bare: reference(referenceBare),
    full: pipeline('full'),
    'no-validation': pipeline('no-validation'),
    'no-logging': pipeline('no-logging'),
  };
  const names = Object.keys(runners) as ThroughputName[];
  const run = async (subset: readonly ThroughputName[]) => {
    const samples = new Map<ThroughputName, Sample[]>(subset.map((n) => [n, []]));
    for (let rep = 0; rep < ctx.config.repetitions; rep += 1) {
      for (let i = 0; i < subset.length; i += 1) {
        const name = subset[(i + rep) % subset.length] as ThroughputName;
        const sample = await runners[name]();
        samples.get(name)?.push(sample);
        ctx.log.info({ rep, name, perSecond: Math.round(sample.perSecond) }, 'throughput sample');
      }
    }
    return samples;
  };
  const samples = await run(names);
  const noisy = names.filter((n) => series(rates(samples.get(n))).cv > MAX_CV);
  if (noisy.length > 0) for (const [name, again] of await run(noisy)) samples.set(name, again);
  const rtp = (name: Variant | 'R_bare' | 'R_redis') =>
    median((samples.get(name) ?? []).map((s) => s.roundTripsPerEvent));
  const full = samples.get('full') ?? [];
  const batchMedian = (pick: (b: BatchFigures) => number) =>
    median(full.map((s) => (s.batches === undefined ? Number.NaN : pick(s.batches))));
  const batched = (variant: Variant) =>
    (samples.get(variant) ?? []).some((s) => (s.batches?.batches ?? 0) > 0);
  return {
    batchPath: {
      full: batched('full'),
      'no-validation': batched('no-validation'),
      'no-logging': batched('no-logging'),
    },
    fullEngineBatches: {
      roundTripsPerBatch: batchMedian((b) => b.roundTripsPerBatch),
      eventsPerBatch: batchMedian((b) => b.eventsPerBatch),
      eventsOneAtATime: batchMedian((b) => b.eventsOneAtATime),
    },
    fullEngineMs: {
      wall: 1_000 / median(full.map((s) => s.perSecond)),
      handler: median(full.map((s) => s.handlerMs ?? Number.NaN)),
      publish: median(full.map((s) => s.publishMs ?? Number.NaN)),
    },
    events: ctx.config.events,
    rates: Object.fromEntries(names.map((n) => [n, series(rates(samples.get(n)))])) as Record<
      ThroughputName,
      Series
    >,
    repeated: noisy,
    roundTripsPerEvent: {
      full: rtp('full'),
      'no-validation': rtp('no-validation'),
      'no-logging': rtp('no-logging'),
      R_bare: rtp('R_bare'),
      R_redis: rtp('R_redis'),
    },
  };
}

function rates(samples: readonly Sample[] | undefined): number[] {
  return (samples ?? []).map((s) => s.perSecond);
}
