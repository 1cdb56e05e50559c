/** What one run is for: the keys whose instants came, and whether it is a full sweep. */
export interface WakeRun {
  /** Keys given with the instants this run covers (e.g. customers whose group came due). */
  readonly keys: ReadonlySet<string>;
  /** True for the interval's run, `runNow` and `sweepSoon`: the work looks at everything, not just `keys`. */
  readonly sweep: boolean;
}

/** What a {@link WakeLoop} runs and on which clock. */
export interface WakeLoopOptions {
  /** The safety net: a sweep at least this often (ms), whether or not anything asked for one. */
  readonly intervalMs: number;
  readonly work: (run: WakeRun) => Promise<void>;
  readonly onError: (err: unknown) => void;
  /** The clock wake instants are given in (the alerter's injected clock). */
  readonly now: () => number;
}

// Wake instants kept at once. A storm asks for the same few instants over and over (a Map folds them);
// past this many distinct ones the rest are left to the next sweep rather than grow without bound.
const MAX_INSTANTS = 10_000;

/**
 * Runs `work` one run at a time: a sweep every `intervalMs` after the previous run, and a run as soon as
 * an instant asked for with `wakeAt` comes, given the keys of the instants it covers. Wakes that arrive
 * during a run fold into one more run after it, so a burst of requests costs at most one run in progress
 * plus one queued. A run started at clock `t` covers every instant up to `t`; instants asked for during
 * a run are re-armed when it ends. Instants further away than the interval wait for the next sweep to be
 * re-armed (a timer never outlives the interval). Errors go to `onError`; the loop keeps going.
 */
export class WakeLoop {
  private readonly instants = new Map<number, Set<string>>();
  private sweepWanted = false;
  private interval: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: WakeLoopOptions) {}

  start(): void {
    this.scheduleInterval();
  }

  /** Asks for a run at `instant` (on the loop's clock) covering `key`; at once if it has passed. */
  wakeAt(instant: number, key = ''): void {
    if (this.stopped) return;
    const keys = this.instants.get(instant);
    if (keys !== undefined) keys.add(key);
    else if (this.instants.size < MAX_INSTANTS) this.instants.set(instant, new Set([key]));
    else this.sweepWanted = true;
    // A timer armed for an earlier instant ends in a run, which re-arms for the rest.
    if (instant < this.armedFor) this.arm();
  }

  /** Asks for a sweep as soon as the run in progress ends (e.g. it stopped at a page bound). */
  sweepSoon(): void {
    if (this.stopped) return;
    this.sweepWanted = true;
    void this.fire();
  }

  /** Sweeps once now (after the run in progress), for tests and for shutdown's last delivery pass. */
  runNow(): Promise<void> {
    this.sweepWanted = true;
    return this.enqueue();
  }

  /** Clears the timers and waits for the run in progress and the one queued behind it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.interval);
    clearTimeout(this.wake);
    await this.tail;
  }

  private enqueue(): Promise<void> {
    const run = this.tail.then(async () => {
      if (this.queued === run) this.queued = undefined;
      const startedAt = this.options.now();
      const keys = new Set<string>();
      for (const [instant, waiting] of this.instants) {
        if (instant > startedAt) continue;
        for (const key of waiting) keys.add(key);
        this.instants.delete(instant);
      }
      const sweep = this.sweepWanted;
      this.sweepWanted = false;
      try {
        await this.options.work({ keys, sweep });
      } catch (err) {
        this.options.onError(err);
      }
      this.arm();
    });
    this.tail = run;
    return run;
  }

  /** A run soon, unless one is queued already (it has not read the clock yet, so it covers this too). */
  private fire(): Promise<void> {
    if (this.stopped) return this.tail;
    this.queued ??= this.enqueue();
    return this.queued;
  }

  private arm(): void {
    if (this.stopped || this.instants.size === 0) return;
    const earliest = Math.min(...this.instants.keys());
    const delay = Math.max(0, earliest - this.options.now());
    if (delay > this.options.intervalMs || earliest >= this.armedFor) return;
    clearTimeout(this.wake);
    this.armedFor = earliest;
    this.wake = setTimeout(() => {
      this.armedFor = Number.POSITIVE_INFINITY;
      // A run that started since arming may have covered the instant already: then only re-arm.
      const t = this.options.now();
      if ([...this.instants.keys()].some((instant) => instant <= t)) void this.fire();
      else this.arm();
    }, delay);
  }

  private scheduleInterval(): void {
    if (this.stopped) return;
    this.interval = setTimeout(() => {
      this.sweepWanted = true;
      void this.fire().finally(() => this.scheduleInterval());
    }, this.options.intervalMs);
  }
}
