import type { CloudEvent } from '@trustwatch/schemas';
import { connectRedis } from '@trustwatch/store';
import type { BenchContext } from './context.js';
import { loadTopics } from './kafka-link.js';
import { runPipeline } from './pipeline.js';
import type { PortfolioShape } from './portfolio.js';
import { referenceFan } from './references.js';
import { openSlowlog, rewriteAofNow, type SlowlogReport } from './slowlog.js';
import { median, series, type Series } from './stats.js';
import { BenchError } from './errors.js';
import { UnitSampler, type ItemSample } from './unit-sampler.js';
import { newsEvent } from './workload.js';

/** One fan-out size: the engine's round trips and customer-updates per second, and R_fan's. */
export interface FanOutRow {
  readonly customers: number;
  readonly roundTrips: number;
  readonly roundTripBudget: number;
  readonly updatesPerSecond: Series;
  readonly referenceUpdatesPerSecond: Series;
  /** Time to apply one news item to all its customers, handler start to end, ms. */
  readonly applyMs: Series;
}

export interface FanOutPhase {
  readonly rows: readonly FanOutRow[];
  readonly slowlog: SlowlogReport;
}

/**
 * One news item per size N about `fan-<N>` (owned by exactly N customers), `repetitions` of each,
 * handled by the full engine; each is timed and its round trips counted from its handler's start to
 * its end. The engine's consumer hands over one item at a time: items about one vendor share a
 * partition, and a run of them handed over at once would give every item the whole run's round trips
 * and time. The engine handles a fan-out event alone even inside a run, so this changes nothing it
 * does. SLOWLOG above 5 ms is recorded while the engine runs. R_fan runs once per size and repetition
 * afterwards.
 */
export async function runFanOutPhase(ctx: BenchContext, shape: PortfolioShape): Promise<FanOutPhase> {
  const sizes = ctx.config.fanOut.filter((n) => n <= shape.customers);
  const reps = ctx.config.repetitions;
  const events: CloudEvent[] = [];
  const sizeOf = new Map<string, number>();
  sizes.forEach((n, i) => {
    for (let rep = 0; rep < reps; rep += 1) {
      const event = newsEvent(`fan-${n}`, i * reps + rep, { tag: `${ctx.tag}-fan`, epoch: ctx.epoch });
      sizeOf.set(event.id, n);
      events.push(event);
    }
  });
  const loaded = await loadTopics(ctx, 'fan', new Map([['news.classified', events]]));
  const admin = await connectRedis({ url: ctx.config.redisUrl });
  const timings = new Map<number, ItemSample[]>(sizes.map((n) => [n, []]));
  const reference = new Map<number, number[]>(sizes.map((n) => [n, []]));
  const window = await openSlowlog(admin, 5_000, ctx.tag);
  try {
    let counter: { count: number } | undefined;
    const units = new UnitSampler(() => counter?.count ?? 0);
    let slowlog: SlowlogReport | undefined;
    await runPipeline(ctx, {
      variant: 'full',
      loaded,
      shape,
      maxBatchSize: 1,
      // Items of different stories sit on different partitions: one at a time, so a unit's round trips
      // and time are its own.
      concurrentPartitions: 1,
      // The window is the engine's pass only: after seeding (and the AOF rewrite it made due), before
      // the keys are deleted.
      onStore: async (link) => {
        counter = link.roundTrips;
        await rewriteAofNow(admin);
        await window.reset();
      },
      inspect: async () => {
        slowlog = await window.read();
      },
      hooks: {
        batch: (items) => units.batch(items),
        before: () => units.before(),
        after: (event) => {
          const n = sizeOf.get(event.id);
          if (n !== undefined) timings.get(n)?.push(units.after());
        },
      },
    });
    // After the engine's pass, outside the SLOWLOG window: R_fan's 1,000-customer calls are the
    // reference's own cost, not the engine's.
    for (const n of sizes) {
      for (let rep = 0; rep < reps; rep += 1) reference.get(n)?.push((await referenceFan(ctx, n)).perSecond);
    }
    const rows = sizes.map((n): FanOutRow => {
      const runs = timings.get(n) ?? [];
      return {
        customers: n,
        roundTrips: median(runs.map((r) => r.roundTrips)),
        roundTripBudget: Math.ceil(n / 1_000) + 1,
        updatesPerSecond: series(runs.map((r) => (n * 1_000) / r.ms)),
        referenceUpdatesPerSecond: series(reference.get(n) ?? []),
        applyMs: series(runs.map((r) => r.ms)),
      };
    });
    if (slowlog === undefined)
      throw new BenchError('TIMEOUT', 'the fan-out pass never reached its inspection');
    return { rows, slowlog };
  } finally {
    await window.restore();
    await admin.quit();
  }
}
