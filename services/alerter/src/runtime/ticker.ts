/**
 * Runs `work` every `intervalMs`, one run at a time (a slow run delays the next instead of overlapping
 * it). `stop()` waits for the run in progress. Errors go to `onError`; the ticker keeps going.
 */
export class Ticker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.schedule();
  }

  /** Runs once now (after the run in progress), for tests and for shutdown's last delivery pass. */
  async runNow(): Promise<void> {
    await this.running;
    this.running = this.work().catch(this.onError);
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runNow().finally(() => this.schedule());
    }, this.intervalMs);
  }
}
