import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Node's own health over a run: resident memory samples and event-loop delay. */
export interface ProcessHealth extends RssTrend {
  readonly rssStartMb: number;
  readonly rssEndMb: number;
  readonly eventLoopDelayP99Ms: number;
  readonly seconds: number;
}

/** How resident memory moved once warmed up. */
export interface RssTrend {
  /** The opening stretch left out of the slope: JIT, connection pools and buffers grow there. */
  readonly warmUpSeconds: number;
  /** RSS at the end of the warm-up, MB. */
  readonly rssWarmMb: number;
  /** Least-squares slope of RSS after the warm-up, MB per minute: near 0 when memory is stable. */
  readonly rssSlopeMbPerMin: number;
  /** Highest RSS of the whole run (warm-up included), MB. */
  readonly rssMaxMb: number;
}

// The first minute, or the first quarter of a shorter run, is warm-up.
const WARM_UP_MS = 60_000;
const WARM_UP_SHARE = 0.25;

/**
 * RSS trend from `[minutes since start, MB]` samples: the slope is fitted after the warm-up only, since
 * a process that allocates its pools and compiles its hot code in the first seconds would otherwise
 * read as leaking over any run short enough to be dominated by that start.
 */
export function rssTrend(samples: readonly (readonly [number, number])[]): RssTrend {
  const lastMin = samples[samples.length - 1]?.[0] ?? 0;
  const warmUpMin = Math.min(WARM_UP_MS / 60_000, lastMin * WARM_UP_SHARE);
  const warm = samples.filter(([min]) => min >= warmUpMin);
  return {
    warmUpSeconds: warmUpMin * 60,
    rssWarmMb: warm[0]?.[1] ?? 0,
    rssSlopeMbPerMin: slope(warm),
    rssMaxMb: samples.reduce((max, [, mb]) => Math.max(max, mb), 0),
  };
}

/** Samples RSS every second and the event-loop delay (10 ms resolution) until `stop()`. */
export function monitorProcess(): { stop(): ProcessHealth } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const t0 = performance.now();
  const samples: [number, number][] = [];
  const sample = () =>
    samples.push([(performance.now() - t0) / 60_000, process.memoryUsage().rss / 1_048_576]);
  sample();
  const timer = setInterval(sample, 1_000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      delay.disable();
      return {
        rssStartMb: samples[0]?.[1] ?? 0,
        rssEndMb: samples[samples.length - 1]?.[1] ?? 0,
        ...rssTrend(samples),
        eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
        seconds: (performance.now() - t0) / 1_000,
      };
    },
  };
}

function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : 0;
}
