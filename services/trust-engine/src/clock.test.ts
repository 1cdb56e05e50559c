import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';

describe('manual clock', () => {
  it('fires timers in due order, each at its own due time, and never runs backwards', () => {
    const clock = new ManualClock(1000);
    const fired: [string, number][] = [];
    clock.setTimer(500, () => fired.push(['b', clock.now()]));
    clock.setTimer(100, () => fired.push(['a', clock.now()]));
    const cancelled = clock.setTimer(200, () => fired.push(['x', clock.now()]));
    cancelled.cancel();
    clock.advanceTo(1499);
    expect(fired).toEqual([['a', 1100]]);
    clock.advance(1);
    expect(fired).toEqual([
      ['a', 1100],
      ['b', 1500],
    ]);
    clock.advanceTo(10);
    expect(clock.now()).toBe(1500);
  });
});
