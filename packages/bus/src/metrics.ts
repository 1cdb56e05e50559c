/** Counters of one bus, for a metrics endpoint to read. Lag is per `topic/partition`. */
export interface MetricsSnapshot {
  consumed: number;
  processed: number;
  skipped: number;
  retried: number;
  deadLettered: number;
  paused: number;
  restarts: number;
  lag: Record<string, number>;
}

/** Mutable counters behind {@link MetricsSnapshot}; adapters and the runner increment them. */
export class BusMetrics {
  private readonly counters = {
    consumed: 0,
    processed: 0,
    skipped: 0,
    retried: 0,
    deadLettered: 0,
    paused: 0,
    restarts: 0,
  };
  private readonly lag = new Map<string, number>();

  /** Adds `by` (default 1): a batch counts its records with one call. */
  increment(name: keyof typeof this.counters, by = 1): void {
    this.counters[name] += by;
  }

  setLag(topic: string, partition: number, lag: number): void {
    this.lag.set(`${topic}/${partition}`, Math.max(0, lag));
  }

  snapshot(): MetricsSnapshot {
    return { ...this.counters, lag: Object.fromEntries(this.lag) };
  }
}
