import { createMemoryBus, type BatchItem } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import type { TrustwatchEvent } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { BatchCounter } from '../../bench/src/batch-counter.js';
import { observeBus } from '../../bench/src/observed-bus.js';
import { passHooks } from '../../bench/src/pipeline-hooks.js';
import { RateMeter, waitFor } from '../../bench/src/rate.js';
import { UnitSampler } from '../../bench/src/unit-sampler.js';
import { newsEvent } from '../../bench/src/workload.js';

const log = createLogger({ service: 'bench-test', level: 'silent' });
const stamp = { tag: 'attr', epoch: Date.parse('2026-01-01T00:00:00Z') };
const news = (count: number) => Array.from({ length: count }, (_, i) => newsEvent('fan-100', i, stamp));

/** A settable round-trip count and clock, advanced by the test as the engine's work would. */
function sampled() {
  const state = { trips: 0, now: 0 };
  return {
    state,
    units: new UnitSampler(
      () => state.trips,
      () => state.now,
    ),
  };
}

describe('per-item fan-out figures', () => {
  it('gives an item handed over alone every round trip and millisecond of its unit', () => {
    const { state, units } = sampled();
    state.trips = 7;
    units.before();
    state.trips += 5;
    state.now += 40;
    expect(units.after()).toEqual({ ms: 40, roundTrips: 5 });
  });

  it('splits a run announced through batch equally, and the single item after it is its own again', () => {
    const { state, units } = sampled();
    units.batch(news(3).map((event) => ({ event })));
    units.before();
    state.trips += 15;
    state.now += 30;
    expect([units.after(), units.after(), units.after()]).toEqual(
      Array.from({ length: 3 }, () => ({ ms: 10, roundTrips: 5 })),
    );
    units.before();
    state.trips += 4;
    expect(units.after().roundTrips).toBe(4);
  });

  it("passes every run to the phase's batch hook, after the pass's own batch count", () => {
    const seen: number[] = [];
    const batches = new BatchCounter();
    const hooks = passHooks(
      {
        roundTrips: { count: 0, reset: () => undefined },
        meter: new RateMeter(),
        batches,
        spent: { handler: 0, publish: 0 },
      },
      { batch: (items) => seen.push(items.length), after: () => undefined },
    );
    const items: BatchItem[] = news(2).map((event, i) => ({
      event: event as TrustwatchEvent,
      context: {
        topic: 'news.classified',
        partition: 0,
        offset: String(i),
        attempt: 1,
        log,
      },
    }));
    hooks.batch?.(items);
    expect(seen).toEqual([2]);
    expect(batches.measure(0).batches).toBe(1);
  });

  it("hands a consumer the bench's maxBatchSize, so items of one partition arrive one unit each", async () => {
    const bus = createMemoryBus({ logger: log });
    const units: number[] = [];
    const observed = observeBus(
      bus,
      { batch: (items) => units.push(items.length), after: () => undefined },
      { maxBatchSize: 1 },
    );
    await observed.ensureTopics(['news.classified']);
    await observed.publish('news.classified', news(3));
    const consumer = await observed.consume({
      groupId: 'attr',
      topics: ['news.classified'],
      maxBatchSize: 500,
      handle: () => Promise.resolve({ status: 'done' }),
      handleBatch: () => Promise.resolve(),
    });
    await waitFor(() => units.length >= 3, 5_000, 'three units');
    await consumer.stop();
    await bus.close();
    expect(units).toEqual([1, 1, 1]);
  });
});
