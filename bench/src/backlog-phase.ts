import type { BenchContext } from './context.js';
import { loadTopics } from './kafka-link.js';
import { livePipelineProducer } from './latency-phase.js';
import { runPipeline } from './pipeline.js';
import type { PortfolioShape } from './portfolio.js';
import { sleep } from './rate.js';

/** How fast the engine catches up with a backlog while production goes on. */
export interface BacklogPhase {
  readonly productionPerSecond: number;
  readonly stoppedSeconds: number;
  /** Events waiting when the engine handled its first one. */
  readonly backlog: number;
  readonly catchUpSeconds: number;
  readonly drainPerSecond: number;
  /** drainPerSecond / productionPerSecond; the target is >= 1.8. */
  readonly ratio: number;
}

// Production keeps going while the engine drains; past this the engine is taken not to catch up.
const CATCH_UP_LIMIT_MS = 180_000;

/**
 * Production at `rate` runs with no consumer for `stopMs`, then the full engine starts (a fresh group
 * reading from the beginning: a consumer that was down) while production continues, until the engine
 * has handled everything produced so far. The drain rate counts from the engine's first event.
 */
export async function runBacklogPhase(
  ctx: BenchContext,
  shape: PortfolioShape,
  rate: number,
): Promise<BacklogPhase> {
  const loaded = await loadTopics(ctx, 'backlog', new Map());
  const live = livePipelineProducer(ctx, loaded, shape, rate, 'backlog');
  let first = 0;
  let backlog = 0;
  let caughtUp = 0;
  let handledAtCatchUp = 0;
  try {
    live.loop.start(ctx.config.stopMs + CATCH_UP_LIMIT_MS);
    await sleep(ctx.config.stopMs);
    await runPipeline(ctx, {
      variant: 'full',
      loaded,
      shape,
      hooks: {
        after: () => {
          if (first === 0) {
            first = performance.now();
            backlog = live.loop.count;
          }
        },
      },
      until: (handled) => {
        if (first === 0 || handled < live.loop.count) return false;
        caughtUp = performance.now();
        handledAtCatchUp = handled;
        return true;
      },
      timeoutMs: CATCH_UP_LIMIT_MS,
    });
  } finally {
    await live.loop.stop();
    await live.bus.close();
  }
  const catchUpSeconds = (caughtUp - first) / 1_000;
  const drainPerSecond = catchUpSeconds > 0 ? handledAtCatchUp / catchUpSeconds : 0;
  return {
    productionPerSecond: rate,
    stoppedSeconds: ctx.config.stopMs / 1_000,
    backlog,
    catchUpSeconds,
    drainPerSecond,
    ratio: drainPerSecond / rate,
  };
}
