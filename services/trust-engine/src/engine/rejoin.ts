import type { Logger } from '@trustwatch/logging';

/**
 * How long a rejoin waits for in-flight events to finish. They fail fast while the store holds its
 * writes, so this only bounds a stuck handler; past it the old consumer is abandoned uncommitted.
 */
export const REJOIN_DRAIN_MS = 10_000;

// Joining again fails when the brokers are unreachable too (the same outage may take out both); retried
// with backoff up to this, because an engine that gave up would sit in the group's place consuming nothing.
const MAX_JOIN_BACKOFF_MS = 5_000;

export interface RejoinDeps {
  readonly log: Logger;
  /** Leaves the group: drains and stops the current consumer. */
  readonly leave: () => Promise<void>;
  /** Joins again with a fresh consumer (its assignment seeks to the store's positions). */
  readonly join: () => Promise<void>;
  /** First wait before joining again after a failed join (doubles up to 5 s). Default 100 ms. */
  readonly retryMs?: number;
}

export interface Rejoin {
  /** Rejoins now, or after the rejoin under way (restarts seen during one are served by one more). */
  run(): Promise<void>;
  /** Resolves once no rejoin is under way. */
  idle(): Promise<void>;
  /** Stops retrying a failed join (the engine is stopping); a rejoin under way then ends. */
  close(): void;
  count(): number;
}

/**
 * Serialises rejoins of the engine's consumer. A rejoin is a fresh assignment, and on every assignment
 * the bus seeks each partition back to the store's recorded position (`storeStartOffsets`) and holds it
 * until the seek has landed: after the store's server restarted from older data, the engine re-applies
 * exactly what the restart lost, without a process restart. A join that fails is retried until it
 * succeeds or `close()` is called.
 */
export function createRejoin(deps: RejoinDeps): Rejoin {
  let chain: Promise<void> = Promise.resolve();
  let count = 0;
  let closed = false;
  const joinUntilDone = async (): Promise<void> => {
    for (let wait = deps.retryMs ?? 100; ; wait = Math.min(wait * 2, MAX_JOIN_BACKOFF_MS)) {
      try {
        await deps.join();
        return;
      } catch (err) {
        if (closed) throw err;
        deps.log.error({ err, retryInMs: wait }, 'joining the group again after a store restart failed');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };
  return {
    run() {
      const next = chain.then(async () => {
        if (closed) return;
        deps.log.warn('store server restarted: rejoining the group to rewind to the store positions');
        await deps.leave();
        await joinUntilDone();
        count += 1;
      });
      chain = next.catch(() => undefined);
      return next;
    },
    idle: () => chain,
    close() {
      closed = true;
    },
    count: () => count,
  };
}
