import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Turns push events into BMC re-reads without letting a chatty (or hostile) BMC drive the collector:
 * at most one read per BMC at a time, events arriving during a read coalesce into one follow-up read,
 * and reads of one BMC start at least `minIntervalMs` apart.
 */
export class ReadTrigger {
  readonly #read: (bmcId: string) => Promise<void>;
  readonly #minIntervalMs: number;
  readonly #now: () => number;
  readonly #running = new Map<string, Promise<void>>();
  readonly #pending = new Set<string>();
  readonly #lastStart = new Map<string, number>();
  readonly #stopping = new AbortController();

  constructor(options: {
    read: (bmcId: string) => Promise<void>;
    minIntervalMs: number;
    now?: () => number;
  }) {
    this.#read = options.read;
    this.#minIntervalMs = options.minIntervalMs;
    this.#now = options.now ?? Date.now;
  }

  /** Asks for a re-read of `bmcId`; returns at once. */
  trigger(bmcId: string): void {
    if (this.#stopping.signal.aborted) return;
    if (this.#running.has(bmcId)) {
      this.#pending.add(bmcId);
      return;
    }
    const run = this.#loop(bmcId).finally(() => this.#running.delete(bmcId));
    this.#running.set(bmcId, run);
  }

  /** Resolves once every triggered read (and its follow-ups) has finished. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  /** Takes no new triggers, drops reads still waiting out their interval, and waits for running ones. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.settled();
  }

  async #loop(bmcId: string): Promise<void> {
    const signal = this.#stopping.signal;
    do {
      this.#pending.delete(bmcId);
      const wait = (this.#lastStart.get(bmcId) ?? -Infinity) + this.#minIntervalMs - this.#now();
      if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return;
      this.#lastStart.set(bmcId, this.#now());
      // The read reports its own failures (the poller logs and backs off); a trigger never throws.
      await this.#read(bmcId).catch(() => undefined);
    } while (this.#pending.has(bmcId));
  }
}
