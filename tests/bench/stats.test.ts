import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, series } from '../../bench/src/stats.js';
import { RateMeter } from '../../bench/src/rate.js';

describe('repeated samples', () => {
  it('takes the middle value as the median, and the mean of the middle two for an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports the range and a zero coefficient of variation for identical samples', () => {
    expect(series([7, 7, 7])).toMatchObject({ median: 7, min: 7, max: 7, cv: 0 });
  });

  it('flags a sample set that varies by a fifth as noisier than the 10 % threshold', () => {
    expect(series([80, 100, 120]).cv).toBeCloseTo(0.2, 5);
  });

  it('keeps the median inside the range for any samples', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (xs) => {
        const s = series(xs);
        return s.min <= s.median && s.median <= s.max;
      }),
    );
  });
});

describe('rate meter', () => {
  it('does not count the item that opened the span', async () => {
    const meter = new RateMeter();
    meter.mark();
    await new Promise((resolve) => setTimeout(resolve, 50));
    meter.mark();
    expect(meter.count).toBe(2);
    expect(meter.perSecond()).toBeCloseTo(1 / meter.seconds, 6);
  });

  it('counts every item when the span was opened before the work', async () => {
    const meter = new RateMeter();
    meter.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    meter.mark(10);
    expect(meter.seconds).toBeGreaterThan(0.04);
    expect(meter.perSecond()).toBeCloseTo(10 / meter.seconds, 6);
  });
});
