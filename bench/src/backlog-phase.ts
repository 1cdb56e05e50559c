import type { BenchContext } from './context.js';
import { BenchError } from './errors.js';
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
  /** False when the engine had not caught up by the limit: the drain rate is then over the limit. */
  readonly caughtUp: boolean;
  readonly catchUpSeconds: number;
  readonly drainPerSecond: number;
  /** drainPerSecond / productionPerSecond; the target is >= 1.8. */
  readonly ratio: number;
}

// Production keeps going while the engine drains; past this the engine is taken not to catch up. At the
// target (1.8 x) a backlog of `stop` seconds drains in stop / 0.8: five stops leave room for a miss.
const catchUpLimitMs = (stopMs: number) => Math.max(180_000, 5 * stopMs);
// Caught up: every event due more than this long ago is handled. A live engine always has the latest
// events in flight (a batch being applied), so "handled everything produced" may never hold at an
// instant; a second is well under any backlog this phase builds and above the engine's normal lag.
const IN_FLIGHT_MS = 1_000;

/**
 * Production at `rate` runs with no consumer for `stopMs`, then the full engine starts (a fresh group
 * reading from the beginning: a consumer that was down) while production continues, until the engine
 * has handled everything due more than a second ago. The drain rate counts from the engine's first event; an
 * engine that has not caught up by the limit is measured over the limit instead of failing the run.
 */
export async function runBacklogPhase(
  ctx: BenchContext,
  shape: PortfolioShape,
  rate: number,
): Promise<BacklogPhase> {
  const loaded = await loadTopics(ctx, 'backlog', new Map());
  const live = livePipelineProducer(ctx, loaded, shape, rate, 'backlog');
  const limitMs = catchUpLimitMs(ctx.config.stopMs);
  const seen = { first: 0, backlog: 0, handled: 0, end: 0, caughtUp: false };
  try {
    live.loop.start(ctx.config.stopMs + limitMs);
    await sleep(ctx.config.stopMs);
    await runPipeline(ctx, {
      variant: 'full',
      loaded,
      shape,
      hooks: {
        after: () => {
          if (seen.first === 0) {
            seen.first = performance.now();
            seen.backlog = live.loop.count;
          }
          if (seen.caughtUp) return;
          seen.handled += 1;
          seen.end = performance.now();
        },
      },
      until: (handled) => {
        seen.caughtUp = seen.first !== 0 && handled >= live.loop.dueBy(performance.now() - IN_FLIGHT_MS);
        return seen.caughtUp;
      },
      timeoutMs: limitMs,
    }).catch((error: unknown) => {
      if (!(error instanceof BenchError && error.code === 'TIMEOUT')) throw error;
    });
  } finally {
    await live.loop.stop();
    await live.bus.close();
  }
  const catchUpSeconds = (seen.end - seen.first) / 1_000;
  const drainPerSecond = catchUpSeconds > 0 ? seen.handled / catchUpSeconds : 0;
  return {
    productionPerSecond: rate,
    stoppedSeconds: ctx.config.stopMs / 1_000,
    backlog: seen.backlog,
    caughtUp: seen.caughtUp,
    catchUpSeconds,
    drainPerSecond,
    ratio: drainPerSecond / rate,
  };
}
