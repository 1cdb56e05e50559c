import type { BenchContext } from './context.js';
import { loadBenchScripts } from './bench-scripts.js';
import { openBus, type LoadedTopics, loadTopics } from './kafka-link.js';
import { latencyHistogram, OpenLoopProducer, summarise, type LatencySummary } from './open-loop.js';
import { runPipeline } from './pipeline.js';
import type { PortfolioShape } from './portfolio.js';
import { bareApply, drainRecords, withLink } from './references.js';
import { monitorProcess, type ProcessHealth } from './soak-monitor.js';
import { BenchError } from './errors.js';
import { firmwareEvent } from './workload.js';

/** Open-loop latency of the full engine and of R_bare at the same rate; Node's health over the soak. */
export interface LatencyPhase {
  readonly perSecond: number;
  readonly pipeline: LatencySummary;
  /** Events the engine had not handled when the soak's wait ran out (counted in `pipeline` as waiting). */
  readonly unhandled: number;
  readonly bare: LatencySummary;
  readonly soak: ProcessHealth;
}

/** A bus on the workload's topics and an open-loop producer of firmware changes on it. */
export function livePipelineProducer(
  ctx: BenchContext,
  loaded: LoadedTopics,
  shape: PortfolioShape,
  rate: number,
  tag: string,
) {
  const bus = openBus(ctx.config.kafkaBrokers, loaded.namespace, ctx.quietLog);
  const stamp = { tag: `${ctx.tag}-${tag}`, epoch: ctx.epoch };
  const make = (k: number) => firmwareEvent(k % shape.customers, k % shape.assetsPerCustomer, k, stamp);
  const primer = firmwareEvent(0, 0, 0, { ...stamp, tag: `${stamp.tag}-primer` });
  return { bus, loop: new OpenLoopProducer(bus, rate, make), primer };
}

/**
 * At `rate` (half the measured maximum) firmware changes are produced open-loop; the full engine runs
 * for the soak duration (RSS and event-loop delay sampled), then R_bare for the latency duration. Each
 * run's clock starts when its consumer handled a primer event, so group join time is not latency.
 */
export async function runLatencyPhase(
  ctx: BenchContext,
  shape: PortfolioShape,
  rate: number,
): Promise<LatencyPhase> {
  const pipelineTopics = await loadTopics(ctx, 'lat', new Map());
  const pipe = livePipelineProducer(ctx, pipelineTopics, shape, rate, 'lat');
  const pipelineHistogram = latencyHistogram();
  let monitor: ReturnType<typeof monitorProcess> | undefined;
  let soak: ProcessHealth | undefined;
  let unhandled = 0;
  try {
    await pipe.bus.publish('firmware.changed', [pipe.primer]);
    await runPipeline(ctx, {
      variant: 'full',
      loaded: pipelineTopics,
      shape,
      hooks: {
        after: (event) => {
          if (monitor === undefined) {
            monitor = monitorProcess();
            pipe.loop.start(ctx.config.soakMs);
          } else pipe.loop.record(pipelineHistogram, event.id, performance.now());
        },
      },
      until: (handled) => pipe.loop.done && handled >= pipe.loop.count + 1,
      timeoutMs: ctx.config.soakMs + 120_000,
    }).catch((error: unknown) => {
      // An engine that fell behind the open-loop rate is a result, not a crash of the run: what it never
      // handled is recorded as still waiting, and the count is reported.
      if (!(error instanceof BenchError) || error.code !== 'TIMEOUT') throw error;
      unhandled = pipe.loop.recordOutstanding(pipelineHistogram, performance.now());
    });
    soak = monitor?.stop();
  } finally {
    await pipe.loop.stop();
    await pipe.bus.close();
  }
  const bareTopics = await loadTopics(ctx, 'latb', new Map());
  const bare = livePipelineProducer(ctx, bareTopics, shape, rate, 'latb');
  const bareHistogram = latencyHistogram();
  try {
    await bare.bus.publish('firmware.changed', [bare.primer]);
    await withLink(ctx, async (link) => {
      const apply = bareApply(link, await loadBenchScripts(link.redis));
      let started = false;
      await drainRecords(
        ctx,
        {
          namespace: bareTopics.namespace,
          topics: ['firmware.changed'],
          until: (handled) => bare.loop.done && handled >= bare.loop.count + 1,
          timeoutMs: ctx.config.latencyMs + 120_000,
        },
        async (records) => {
          await apply(records);
          const at = performance.now();
          for (const record of records) {
            if (!started) {
              started = true;
              bare.loop.start(ctx.config.latencyMs);
            } else bare.loop.record(bareHistogram, record.headers['ce_id'] ?? '', at);
          }
        },
      );
    });
  } finally {
    await bare.loop.stop();
    await bare.bus.close();
  }
  if (soak === undefined)
    throw new BenchError('TIMEOUT', 'the soak never started: no primer event was handled');
  return {
    perSecond: rate,
    pipeline: summarise(pipelineHistogram),
    unhandled,
    bare: summarise(bareHistogram),
    soak,
  };
}
