import type { EventBus, EventTopic } from '@trustwatch/bus';
import type { CloudEvent } from '@trustwatch/schemas';
import hdr from 'hdr-histogram-js';
import { sleep } from './rate.js';

/** Latencies in microseconds, 1 us .. 10 min, 3 significant digits. */
export function latencyHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

/** Percentiles of a histogram in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function summarise(histogram: hdr.Histogram): LatencySummary {
  return {
    count: histogram.totalCount,
    p50Ms: histogram.getValueAtPercentile(50) / 1_000,
    p99Ms: histogram.getValueAtPercentile(99) / 1_000,
    maxMs: histogram.maxValue / 1_000,
  };
}

/**
 * Produces events at a fixed rate whatever the consumer does (open loop). Each event's intended send
 * time is fixed by the schedule, and latency is measured from it, not from when the send happened:
 * a stalled producer or broker cannot hide queueing (coordinated omission).
 */
export class OpenLoopProducer {
  private readonly intended = new Map<string, number>();
  private sent = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private startedAt: number | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly perSecond: number,
    private readonly next: (sequence: number) => CloudEvent,
    private readonly topic: EventTopic = 'firmware.changed',
  ) {}

  get count(): number {
    return this.sent;
  }

  /** Starts producing; `durationMs` later it stops by itself (or at `stop()`). */
  start(durationMs: number): void {
    this.running = true;
    const t0 = performance.now();
    this.startedAt = t0;
    this.loop = (async () => {
      while (this.running && performance.now() - t0 < durationMs) {
        const due = Math.floor(((performance.now() - t0) / 1_000) * this.perSecond) + 1;
        const batch: CloudEvent[] = [];
        for (let k = this.sent; k < due; k += 1) {
          const event = this.next(k);
          this.intended.set(event.id, t0 + (k / this.perSecond) * 1_000);
          batch.push(event);
        }
        if (batch.length > 0) {
          this.sent = due;
          await this.bus.publish(this.topic, batch);
        }
        await sleep(Math.max(1, Math.min(10, 1_000 / this.perSecond)));
      }
      this.running = false;
    })();
  }

  /** How many of the events sent so far were due by `at` (performance.now()) on the schedule. */
  dueBy(at: number): number {
    if (this.startedAt === undefined || at < this.startedAt) return 0;
    return Math.min(this.sent, Math.floor(((at - this.startedAt) / 1_000) * this.perSecond) + 1);
  }

  get done(): boolean {
    return !this.running && this.loop !== undefined;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /**
   * Records every sent event not yet recorded as still waiting at `at` (`at - intended send time`, a
   * lower bound of its latency), so a consumer that fell behind is not flattered by the events it never
   * handled. Returns how many there were.
   */
  recordOutstanding(histogram: hdr.Histogram, at: number): number {
    const outstanding = this.intended.size;
    for (const start of this.intended.values()) {
      histogram.recordValue(Math.max(1, Math.round((at - start) * 1_000)));
    }
    this.intended.clear();
    return outstanding;
  }

  /** Records `doneAt - intended send time` of one event, if this producer sent it. */
  record(histogram: hdr.Histogram, eventId: string, doneAt: number): void {
    const start = this.intended.get(eventId);
    if (start === undefined) return;
    histogram.recordValue(Math.max(1, Math.round((doneAt - start) * 1_000)));
    this.intended.delete(eventId);
  }
}
