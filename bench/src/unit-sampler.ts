/** One event's figures: handler time and Redis round trips from its unit's start to its end. */
export interface ItemSample {
  readonly ms: number;
  readonly roundTrips: number;
}

/**
 * Times the units the bus hands the engine and counts their round trips on the store's client. Exact
 * per event when every unit is one event (the fan-out phase consumes with `maxBatchSize: 1`); a unit
 * of k events, announced by `batch` just before it starts, gives each of them a k-th.
 */
export class UnitSampler {
  private size = 1;
  private announced = 1;
  private startedAt = 0;
  private tripsAtStart = 0;

  constructor(
    private readonly roundTrips: () => number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A run of `items` goes to the batch path next. */
  batch(items: readonly unknown[]): void {
    this.announced = Math.max(1, items.length);
  }

  /** A unit starts: a run announced by `batch`, else a single event. */
  before(): void {
    this.startedAt = this.now();
    this.tripsAtStart = this.roundTrips();
    this.size = this.announced;
    this.announced = 1;
  }

  /** One event of the unit that just returned: its share of the unit's time and round trips. */
  after(): ItemSample {
    return {
      ms: (this.now() - this.startedAt) / this.size,
      roundTrips: (this.roundTrips() - this.tripsAtStart) / this.size,
    };
  }
}
