import { setTimeout as sleep } from 'node:timers/promises';
import { IngestFirmwareError } from '../errors.js';
import { backoffDelay, DEFAULT_BACKOFF, LogThrottle, type BackoffPolicy } from './backoff.js';
import type { BmcEndpoint } from './endpoint.js';
import type { InventoryReading } from './inventory.js';

/** The part of a pino logger the poller uses; libraries accept a logger, they never create one. */
export interface PollLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface PollerOptions {
  readonly endpoints: readonly BmcEndpoint[];
  /** Reads one BMC; `readInventory` over a per-BMC `RedfishClient` in production. */
  readonly read: (endpoint: BmcEndpoint) => Promise<InventoryReading>;
  /** Receives every snapshot read; a failure here is logged and does not count against the BMC. */
  readonly onSnapshot: (reading: InventoryReading, endpoint: BmcEndpoint) => Promise<void> | void;
  readonly log: PollLogger;
  /** Most BMCs read at the same time. */
  readonly concurrency: number;
  readonly backoff?: BackoffPolicy;
  /** Shortest interval between two error lines about the same BMC. */
  readonly errorLogIntervalMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** What one round did, per BMC id. */
export interface PollRound {
  readonly succeeded: readonly string[];
  readonly failed: readonly { readonly bmcId: string; readonly error: unknown }[];
  /** BMCs still waiting out their backoff, not asked this round. */
  readonly deferred: readonly string[];
}

interface BmcState {
  failures: number;
  nextAttemptAt: number;
}

/**
 * Polls many BMCs with a concurrency cap. Each BMC has its own backoff after failures and its own
 * rate-limited error log, and one BMC failing (or hanging until its timeout) never stops the others.
 */
export class FirmwarePoller {
  readonly #options: PollerOptions;
  readonly #state = new Map<string, BmcState>();
  readonly #throttle: LogThrottle;
  readonly #now: () => number;
  readonly #random: () => number;

  constructor(options: PollerOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError('concurrency must be a positive integer');
    }
    this.#options = options;
    this.#throttle = new LogThrottle(options.errorLogIntervalMs ?? 15 * 60_000);
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
  }

  /** Reads every BMC that is not backing off, at most `concurrency` at a time; never rejects. */
  async pollOnce(): Promise<PollRound> {
    const due: BmcEndpoint[] = [];
    const deferred: string[] = [];
    const start = this.#now();
    for (const endpoint of this.#options.endpoints) {
      const state = this.#state.get(endpoint.id);
      if (state !== undefined && state.nextAttemptAt > start) deferred.push(endpoint.id);
      else due.push(endpoint);
    }
    const succeeded: string[] = [];
    const failed: { bmcId: string; error: unknown }[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let endpoint = due[next++]; endpoint !== undefined; endpoint = due[next++]) {
        const error = await this.#pollOne(endpoint);
        if (error === undefined) succeeded.push(endpoint.id);
        else failed.push({ bmcId: endpoint.id, error });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, due.length) }, worker));
    return { succeeded, failed, deferred };
  }

  /**
   * Polls in rounds, one every `intervalMs` (measured from the start of a round, so a slow round does
   * not stretch the cadence), until `signal` aborts; resolves after the round in progress ends.
   */
  async run(intervalMs: number, signal: AbortSignal, onRound?: (round: PollRound) => void): Promise<void> {
    while (!signal.aborted) {
      const started = this.#now();
      onRound?.(await this.pollOnce());
      const wait = Math.max(0, started + intervalMs - this.#now());
      await sleep(wait, undefined, { signal }).catch(() => undefined);
    }
  }

  /**
   * Reads one BMC now, whatever its backoff (a push event says it is alive); the outcome counts like a
   * polled one (backoff, rate-limited log). Never rejects.
   */
  async pollBmc(bmcId: string): Promise<'read' | 'failed' | 'unknown'> {
    const endpoint = this.#options.endpoints.find((candidate) => candidate.id === bmcId);
    if (endpoint === undefined) return 'unknown';
    return (await this.#pollOne(endpoint)) === undefined ? 'read' : 'failed';
  }

  /** Consecutive failures of one BMC (0 when its last read succeeded or it was never read). */
  failuresOf(bmcId: string): number {
    return this.#state.get(bmcId)?.failures ?? 0;
  }

  async #pollOne(endpoint: BmcEndpoint): Promise<unknown> {
    let reading: InventoryReading;
    try {
      reading = await this.#options.read(endpoint);
    } catch (error) {
      this.#recordFailure(endpoint, error);
      return error;
    }
    this.#state.delete(endpoint.id);
    this.#throttle.reset(endpoint.id);
    for (const check of reading.crossChecks) {
      // Same pacing as failures: a BMC stuck mid-update would otherwise repeat this every round.
      if (
        check.outcome === 'mismatch' &&
        this.#throttle.admit(`${endpoint.id}#${check.kind}`, this.#now()) !== undefined
      ) {
        this.#options.log.warn(
          { bmcId: endpoint.id, crossCheck: check },
          'BMC inventory disagrees with its own report',
        );
      }
    }
    try {
      await this.#options.onSnapshot(reading, endpoint);
    } catch (error) {
      this.#options.log.error({ bmcId: endpoint.id, err: error }, 'snapshot handler failed');
    }
    return undefined;
  }

  #recordFailure(endpoint: BmcEndpoint, error: unknown): void {
    const now = this.#now();
    const failures = (this.#state.get(endpoint.id)?.failures ?? 0) + 1;
    const delayMs = backoffDelay(failures, this.#options.backoff ?? DEFAULT_BACKOFF, this.#random);
    this.#state.set(endpoint.id, { failures, nextAttemptAt: now + delayMs });
    const suppressed = this.#throttle.admit(endpoint.id, now);
    if (suppressed === undefined) return;
    const code = error instanceof IngestFirmwareError ? error.code : 'UNEXPECTED';
    this.#options.log.warn(
      { bmcId: endpoint.id, code, err: error, failures, retryInMs: delayMs, suppressed },
      'BMC poll failed',
    );
  }
}
