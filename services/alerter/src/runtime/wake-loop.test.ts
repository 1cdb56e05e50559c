import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WakeLoop } from './wake-loop.js';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-24T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A loop on the fake clock whose runs record the instant they started; `hold` keeps a run open. */
function loopOf(intervalMs: number) {
  const runs: number[] = [];
  let hold: Promise<void> | undefined;
  const loop = new WakeLoop({
    intervalMs,
    now: Date.now,
    onError: () => undefined,
    work: async () => {
      runs.push(Date.now());
      await hold;
    },
  });
  return {
    loop,
    runs,
    holdNextRuns(until: Promise<void>) {
      hold = until;
    },
  };
}

describe('the wake loop', () => {
  it('runs at a wake instant instead of waiting for the interval', async () => {
    const { loop, runs } = loopOf(1_000);
    const t0 = Date.now();
    loop.start();
    loop.wakeAt(t0 + 30);
    await vi.advanceTimersByTimeAsync(29);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([t0 + 30]);
    await loop.stop();
  });

  it('re-arms for a later instant after an earlier one fired, and keeps the interval as a safety net', async () => {
    const { loop, runs } = loopOf(1_000);
    const t0 = Date.now();
    loop.start();
    loop.wakeAt(t0 + 200);
    loop.wakeAt(t0 + 50);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([t0 + 50, t0 + 200, t0 + 1_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs.at(-1)).toBe(t0 + 2_000);
    await loop.stop();
  });

  it('folds the wakes that arrive during a run into one more run after it', async () => {
    const { loop, runs, holdNextRuns } = loopOf(60_000);
    const t0 = Date.now();
    loop.start();
    let release = (): void => undefined;
    holdNextRuns(new Promise((resolve) => (release = resolve)));
    loop.wakeAt(t0);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    for (let i = 1; i <= 50; i += 1) loop.wakeAt(t0 + i);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toHaveLength(1);
    holdNextRuns(Promise.resolve());
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([t0, t0 + 100]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(2);
    await loop.stop();
  });

  it('leaves an instant beyond the interval to the interval run, then wakes for it', async () => {
    const { loop, runs } = loopOf(1_000);
    const t0 = Date.now();
    loop.start();
    loop.wakeAt(t0 + 1_500);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([t0 + 1_000]);
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toEqual([t0 + 1_000, t0 + 1_500]);
    await loop.stop();
  });

  it('hands each run the keys of the instants it covers, and marks only interval runs as sweeps', async () => {
    const seen: { keys: string[]; sweep: boolean }[] = [];
    const loop = new WakeLoop({
      intervalMs: 1_000,
      now: Date.now,
      onError: () => undefined,
      work: (run) => {
        seen.push({ keys: [...run.keys].sort(), sweep: run.sweep });
        return Promise.resolve();
      },
    });
    const t0 = Date.now();
    loop.start();
    loop.wakeAt(t0 + 20, 'globex');
    loop.wakeAt(t0 + 10, 'acme');
    loop.wakeAt(t0 + 10, 'initech');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([
      { keys: ['acme', 'initech'], sweep: false },
      { keys: ['globex'], sweep: false },
      { keys: [], sweep: true },
    ]);
    await loop.stop();
  });

  it('runs nothing after stop, whatever was asked for', async () => {
    const { loop, runs } = loopOf(1_000);
    loop.start();
    loop.wakeAt(Date.now() + 10);
    await loop.stop();
    loop.wakeAt(Date.now() + 20);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toEqual([]);
  });
});
