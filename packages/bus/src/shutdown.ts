import type { Logger } from 'pino';

/** Anything a service must close on the way out: consumer handles, buses, stores. */
export interface Closeable {
  close?: () => Promise<void>;
  stop?: (deadlineMs?: number) => Promise<void>;
}

/**
 * A service as its start function returns it, for main.ts and `trustwatch run` alike: what to close on the
 * way out, in order, and the budget for it (what installShutdown takes).
 */
export interface StartedService {
  readonly closeables: readonly Closeable[];
  readonly shutdownDeadlineMs: number;
}

export interface ShutdownOptions {
  signals?: readonly NodeJS.Signals[];
  closeables: readonly Closeable[];
  /** Whole shutdown budget; past it the process exits with code 1 whatever is still running. */
  deadlineMs: number;
  log: Logger;
  /** Injected for tests; defaults to `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Wires SIGTERM/SIGINT to an orderly shutdown for a service's main.ts: close the given closeables in order
 * (consumers first so they drain, then the bus, then stores), then exit 0; exit 1 on error or past the
 * deadline. A second signal exits at once. Returns a function that runs the same shutdown directly.
 */
export function installShutdown(options: ShutdownOptions): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let running: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    if (running !== undefined) {
      exit(1);
      return running;
    }
    const timer = setTimeout(() => {
      options.log.error({ deadlineMs: options.deadlineMs }, 'shutdown deadline passed; exiting');
      exit(1);
    }, options.deadlineMs);
    timer.unref();
    running = closeAll(options)
      .then(() => exit(0))
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'shutdown failed');
        exit(1);
      })
      .finally(() => clearTimeout(timer));
    return running;
  };
  for (const signal of signals) {
    process.on(signal, () => {
      options.log.info({ signal }, 'shutting down');
      void shutdown();
    });
  }
  return shutdown;
}

async function closeAll(options: ShutdownOptions): Promise<void> {
  for (const closeable of options.closeables) {
    if (closeable.stop !== undefined) await closeable.stop(options.deadlineMs);
    else if (closeable.close !== undefined) await closeable.close();
  }
}
