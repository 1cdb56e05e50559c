import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Node's own health over a run: resident memory samples and event-loop delay. */
export interface ProcessHealth {
  readonly rssStartMb: number;
  readonly rssEndMb: number;
  readonly rssMaxMb: number;
  /** Least-squares slope of RSS over the run, MB per minute: near 0 when memory is stable. */
  readonly rssSlopeMbPerMin: number;
  readonly eventLoopDelayP99Ms: number;
  readonly seconds: number;
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
      const rss = samples.map(([, mb]) => mb);
      return {
        rssStartMb: rss[0] ?? 0,
        rssEndMb: rss[rss.length - 1] ?? 0,
        rssMaxMb: Math.max(...rss),
        rssSlopeMbPerMin: slope(samples),
        eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
        seconds: (performance.now() - t0) / 1_000,
      };
    },
  };
}

function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : 0;
}
