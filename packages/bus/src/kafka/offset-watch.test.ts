import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { BusMetrics } from '../metrics.js';
import { LagWatch } from './offset-watch.js';

/** The two admin reads the watch makes, answering from plain numbers (the broker path is an int test). */
function admin(state: { high: number; low?: number; committed: number | null }): Admin {
  return {
    fetchTopicOffsets: () =>
      Promise.resolve([
        { partition: 0, offset: String(state.high), high: String(state.high), low: String(state.low ?? 0) },
      ]),
    fetchOffsets: () =>
      Promise.resolve([
        { topic: 't', partitions: [{ partition: 0, offset: String(state.committed ?? -1), metadata: null }] },
      ]),
  } as unknown as Admin;
}

const assignment = { t: [0] };

function clock() {
  let time = 1_000_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('LagWatch', () => {
  it('reports a partition with lag whose committed offset stays put past the watchdog time', async () => {
    const { now, advance } = clock();
    const watch = new LagWatch('g', 1_000, new BusMetrics());
    const broker = admin({ high: 10, committed: 4 });
    expect(await watch.stalled(broker, assignment, new Set(), { last: 0 }, now)).toBeUndefined();
    advance(1_001);
    expect(await watch.stalled(broker, assignment, new Set(), { last: 0 }, now)).toMatch(/t\/0.*lag 6/);
  });

  it('counts from the low watermark when the group never committed', async () => {
    const { now, advance } = clock();
    const metrics = new BusMetrics();
    const watch = new LagWatch('g', 1_000, metrics);
    const broker = admin({ high: 10, low: 7, committed: null });
    await watch.stalled(broker, assignment, new Set(), { last: 0 }, now);
    advance(1_001);
    expect(await watch.stalled(broker, assignment, new Set(), { last: 0 }, now)).toMatch(/lag 3/);
    expect(metrics.snapshot().lag).toEqual({ 't/0': 3 });
  });

  it('restarts the clock whenever the committed offset moves', async () => {
    const { now, advance } = clock();
    const watch = new LagWatch('g', 1_000, new BusMetrics());
    const state = { high: 10, committed: 4 };
    await watch.stalled(admin(state), assignment, new Set(), { last: 0 }, now);
    advance(800);
    state.committed = 5;
    expect(await watch.stalled(admin(state), assignment, new Set(), { last: 0 }, now)).toBeUndefined();
    advance(800);
    expect(await watch.stalled(admin(state), assignment, new Set(), { last: 0 }, now)).toBeUndefined();
  });

  it('leaves paused, caught-up and busy members alone', async () => {
    const { now, advance } = clock();
    const watch = new LagWatch('g', 1_000, new BusMetrics());
    const lagging = admin({ high: 10, committed: 4 });
    await watch.stalled(lagging, assignment, new Set(['t/0']), { last: 0 }, now);
    advance(5_000);
    expect(await watch.stalled(lagging, assignment, new Set(['t/0']), { last: 0 }, now)).toBeUndefined();
    const caughtUp = admin({ high: 4, committed: 4 });
    advance(5_000);
    expect(await watch.stalled(caughtUp, assignment, new Set(), { last: 0 }, now)).toBeUndefined();
    await watch.stalled(lagging, assignment, new Set(), { last: 0 }, now);
    advance(5_000);
    // A record finished on another partition just now: this one waits behind a long batch, not a stall.
    expect(await watch.stalled(lagging, assignment, new Set(), { last: now() - 10 }, now)).toBeUndefined();
  });

  it('judges a partition whose batch is being handled by that batch alone, whatever finishes elsewhere', async () => {
    const { now, advance } = clock();
    const watch = new LagWatch('g', 1_000, new BusMetrics());
    const broker = admin({ high: 10, committed: 4 });
    const running = new Map([['t/0', now()]]);
    await watch.stalled(broker, assignment, new Set(), { last: now(), running }, now);
    advance(1_001);
    // Other partitions finished records a moment ago; this one's handler has not moved since it began.
    expect(await watch.stalled(broker, assignment, new Set(), { last: now() - 10, running }, now)).toMatch(
      /t\/0/,
    );
    // A batch that progressed recently (records resolved but not yet committed) is left alone.
    running.set('t/0', now() - 10);
    expect(
      await watch.stalled(broker, assignment, new Set(), { last: now() - 10, running }, now),
    ).toBeUndefined();
  });
});
