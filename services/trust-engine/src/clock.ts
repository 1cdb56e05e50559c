/** A pending timer; cancelling a fired or cancelled timer does nothing. */
export interface Timer {
  cancel(): void;
}

/**
 * Time as the engine sees it: the decay scheduler reads `now` and sets timers only through this, so
 * tests (and an accelerated demo replay) drive it with a {@link ManualClock}.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fire` once, `delayMs` from now. */
  setTimer(delayMs: number, fire: () => void): Timer;
}

/** Wall-clock time; timers are unref'd so a pending re-evaluation never keeps a process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(delayMs, fire) {
    // Node caps timers at 2^31-1 ms (about 24.8 days); a later due time is re-armed when this fires.
    const handle = setTimeout(fire, Math.min(Math.max(0, delayMs), 2_147_483_647));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

interface ManualTimer {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told to; timers fire in due order as it passes them. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: ManualTimer[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fire: () => void): Timer {
    const timer: ManualTimer = {
      at: this.current + Math.max(0, delayMs),
      seq: this.seq++,
      fire,
      cancelled: false,
    };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves to `instant` (never backwards), firing each timer due by then at its own due time. */
  advanceTo(instant: number): void {
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers.filter((t) => t.at <= instant).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = Math.max(this.current, next.at);
      next.fire();
    }
    this.current = Math.max(this.current, instant);
  }

  /** Moves forward by `ms`. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
