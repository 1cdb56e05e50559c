import type { BatchItem } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { describe, expect, it } from 'vitest';
import { BatchCounter } from '../../bench/src/batch-counter.js';
import { criticalCrossings } from '../../bench/src/alert-workload.js';
import { loadPolicy } from '@trustwatch/trust-engine';

const log = createLogger({ service: 'bench-test', level: 'silent' });

async function run(partition: number, first: number, size: number): Promise<BatchItem[]> {
  const make = criticalCrossings(await loadPolicy(), 'bc');
  return Array.from({ length: size }, (_, i) => ({
    event: make(first + i) as BatchItem['event'],
    context: { topic: 'trust.changed', partition, offset: String(first + i), attempt: 1, log },
  }));
}

/** Hands a run to the counter as the observed bus does: `batch`, then the unit starts. */
function hand(counter: BatchCounter, items: readonly BatchItem[]): void {
  counter.batch(items);
  counter.unit();
}

describe('batch counter', () => {
  it('counts each run of a partition once, a retried run included, and divides round trips by them', async () => {
    const counter = new BatchCounter();
    hand(counter, await run(0, 0, 10));
    hand(counter, await run(0, 0, 10));
    hand(counter, await run(1, 0, 20));
    hand(counter, await run(0, 10, 30));
    const figures = counter.measure(6);
    expect(figures.batches).toBe(3);
    expect(figures.roundTripsPerBatch).toBe(2);
    expect(figures.eventsPerBatch).toBe(20);
    expect(figures.eventsOneAtATime).toBe(0);
  });

  it('counts events handed one at a time apart and reports no batches without a batch path', () => {
    const counter = new BatchCounter();
    for (let i = 0; i < 5; i += 1) counter.unit();
    const figures = counter.measure(15);
    expect(figures.batches).toBe(0);
    expect(figures.roundTripsPerBatch).toBeNaN();
    expect(figures.eventsOneAtATime).toBe(5);
  });
});
