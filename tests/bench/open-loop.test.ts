import { createMemoryBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { criticalCrossings } from '../../bench/src/alert-workload.js';
import { latencyHistogram, OpenLoopProducer } from '../../bench/src/open-loop.js';
import { loadPolicy } from '@trustwatch/trust-engine';

const log = createLogger({ service: 'bench-test', level: 'silent' });

describe('open-loop producer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function producer(perSecond: number) {
    const bus = createMemoryBus({ logger: log });
    await bus.ensureTopics(['trust.changed']);
    const make = criticalCrossings(await loadPolicy(), 'ol');
    return new OpenLoopProducer(bus, perSecond, make, 'trust.changed');
  }

  it('sends on its schedule and counts as due only what the schedule had due by then', async () => {
    const loop = await producer(100);
    const t0 = performance.now();
    loop.start(1_000);
    await vi.advanceTimersByTimeAsync(1_100);
    await loop.stop();
    expect(loop.count).toBe(100);
    expect(loop.dueBy(t0 - 1)).toBe(0);
    expect(loop.dueBy(t0 + 250)).toBe(26);
    expect(loop.dueBy(t0 + 5_000)).toBe(100);
  });

  it('measures latency from the intended send time, however late the event was handled', async () => {
    const loop = await producer(10);
    const t0 = performance.now();
    loop.start(1_000);
    await vi.advanceTimersByTimeAsync(1_100);
    await loop.stop();
    const histogram = latencyHistogram();
    // Event 3 was due at t0 + 300 ms; handled at t0 + 800 ms it waited 500 ms.
    loop.record(histogram, 'tc-ol-3', t0 + 800);
    loop.record(histogram, 'tc-ol-3', t0 + 900);
    expect(histogram.totalCount).toBe(1);
    expect(histogram.maxValue / 1_000).toBeCloseTo(500, 0);
  });
});
