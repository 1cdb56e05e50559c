import { BenchError } from './errors.js';

/**
 * Counts handled items and times them from the first to the last: consumer start-up (group join,
 * metadata) is excluded, so the rate is the steady work rate.
 */
export class RateMeter {
  private first = 0;
  private last = 0;
  private seen = 0;
  private opening = 0;
  private started = false;

  /** Opens the span now (for work timed from its start rather than from its first item). */
  start(): void {
    this.first = performance.now();
    this.last = this.first;
    this.started = true;
  }

  /**
   * Opens the span now unless it is open: for work that starts several units at once (partitions
   * handled concurrently), where the first unit to finish comes late and would leave the others' time
   * out of the span.
   */
  begin(): void {
    if (!this.started) this.start();
  }

  mark(items = 1): void {
    if (!this.started) {
      this.start();
      this.opening = items;
    }
    this.last = performance.now();
    this.seen += items;
  }

  get count(): number {
    return this.seen;
  }

  /** Items per second over the measured span; items that only opened the span are not counted. */
  perSecond(): number {
    const span = (this.last - this.first) / 1_000;
    return span > 0 ? (this.seen - this.opening) / span : 0;
  }

  get seconds(): number {
    return (this.last - this.first) / 1_000;
  }
}

/** Polls until `done()` or the deadline; a timeout is a BenchError (retriable: a loaded machine). */
export async function waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new BenchError('TIMEOUT', `${what} did not finish in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
