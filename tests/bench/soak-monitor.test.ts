import { describe, expect, it } from 'vitest';
import { rssTrend } from '../../bench/src/soak-monitor.js';

/** One sample a second for `minutes`, RSS given by `mb(minute)`. */
function samples(minutes: number, mb: (minute: number) => number): [number, number][] {
  return Array.from({ length: minutes * 60 + 1 }, (_, s) => [s / 60, mb(s / 60)]);
}

describe('RSS trend over a soak', () => {
  it('leaves the first minute of a long soak out of the slope', () => {
    // 100 MB of warm-up growth in the first minute, then flat at 300 MB.
    const trend = rssTrend(samples(10, (m) => (m < 1 ? 200 + 100 * m : 300)));
    expect(trend.warmUpSeconds).toBe(60);
    expect(trend.rssSlopeMbPerMin).toBeCloseTo(0, 6);
    expect(trend.rssWarmMb).toBe(300);
    expect(trend.rssMaxMb).toBe(300);
  });

  it('reports a steady leak after warm-up as its slope in MB per minute', () => {
    const trend = rssTrend(samples(10, (m) => 250 + 3 * m));
    expect(trend.rssSlopeMbPerMin).toBeCloseTo(3, 6);
    expect(trend.rssMaxMb).toBeCloseTo(280, 6);
  });

  it('takes a quarter of a short run as warm-up', () => {
    const trend = rssTrend(samples(1, (m) => (m < 0.25 ? 100 + 400 * m : 200)));
    expect(trend.warmUpSeconds).toBeCloseTo(15, 6);
    expect(trend.rssSlopeMbPerMin).toBeCloseTo(0, 6);
  });

  it('keeps the highest sample of the warm-up as the maximum', () => {
    const trend = rssTrend(samples(5, (m) => (m < 0.5 ? 400 : 250)));
    expect(trend.rssMaxMb).toBe(400);
    expect(trend.rssWarmMb).toBe(250);
  });
});
