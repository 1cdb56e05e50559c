import type { BatchItem } from '@trustwatch/bus';

/** Batch figures of one engine pass: see {@link BatchCounter}. */
export interface BatchFigures {
  readonly batches: number;
  readonly roundTripsPerBatch: number;
  readonly eventsPerBatch: number;
  readonly eventsOneAtATime: number;
}

/**
 * Counts the Kafka batches the engine sees without looking inside the bus: every run the bus hands to the
 * batch path (`handleBatch`) is one partition's consecutive fetched records, so a run is identified by
 * its topic, partition and first offset. A run handed again right after (a retry after a failed batch)
 counts once; only each partition's last run is remembered, so a long soak does not grow the counter.
 * Units handed one event at a time are counted apart: on the per-record path there is no batch to see.
 */
export class BatchCounter {
  private readonly lastRun = new Map<string, string>();
  private runs = 0;
  private events = 0;
  private units = 0;
  private batched = 0;

  /** True once any unit started. */
  get started(): boolean {
    return this.units > 0;
  }

  /** A run reached the batch path (called just before its unit starts). */
  batch(items: readonly BatchItem[]): void {
    const first = items[0]?.context;
    if (first === undefined) return;
    const partition = `${first.topic}/${String(first.partition)}`;
    this.batched += 1;
    if (this.lastRun.get(partition) === first.offset) return;
    this.lastRun.set(partition, first.offset);
    this.runs += 1;
    this.events += items.length;
  }

  /** Any unit started: a batch (already announced through `batch`) or a single event. */
  unit(): void {
    this.units += 1;
  }

  /** The pass's figures given the Redis round trips it made. */
  measure(roundTrips: number): BatchFigures {
    const batches = this.runs;
    return {
      batches,
      roundTripsPerBatch: batches > 0 ? roundTrips / batches : Number.NaN,
      eventsPerBatch: batches > 0 ? this.events / batches : Number.NaN,
      eventsOneAtATime: this.units - this.batched,
    };
  }
}
