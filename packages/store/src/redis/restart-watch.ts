import type { Redis } from 'ioredis';
import type { StoreLogger } from './connection.js';

/** Called after the client reconnected to a server that restarted; writes wait until it settles. */
export type RestartListener = (restart: {
  readonly previousRunId: string;
  readonly runId: string;
}) => Promise<void>;

/** Tells a reconnect to the same server from a reconnect to a restarted one (which may have lost writes). */
export interface RestartWatch {
  /**
   * False from a disconnect until the reconnected server's `run_id` was compared with the last one, and,
   * when the server restarted, until every restart listener settled. The store refuses writes meanwhile.
   */
  verified(): boolean;
  /** Restarts seen since the watch began. */
  restarts(): number;
  /** Adds a listener; returns its removal. */
  onRestart(listener: RestartListener): () => void;
  /** Stops listening to the client. */
  stop(): void;
}

/** The server's `run_id` (INFO server): a new random id every time redis-server starts. */
export async function serverRunId(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  const id = /^run_id:([0-9a-f]+)\s*$/m.exec(info)?.[1];
  if (id === undefined) throw new Error('INFO server has no run_id');
  return id;
}

// A failed check (the reply lost to another disconnect) is retried while the client stays ready.
const RETRY_MS = 100;

/**
 * Watches a connected client: every `ready` after a disconnect reads the server's `run_id`. A new one
 * means the server restarted and may have come back from an older snapshot or AOF, so what the store
 * recorded as applied may be gone: the listeners (the engine rewinding its partitions to the store's
 * positions) run before any write is let through again. Writes are held from the disconnect on, so no
 * event is applied against the restored state before the rewind is in place.
 */
export async function watchRestarts(redis: Redis, log?: StoreLogger): Promise<RestartWatch> {
  let runId = await serverRunId(redis);
  let verified = true;
  let restarts = 0;
  let stopped = false;
  // Bumped by every disconnect: a check (and its listeners) may only release the writes held since the
  // disconnect it answers. Without it, the first of two quick restarts would release writes as soon as
  // its own rewind finished, before the second restart's rewind, onto data the second one lost.
  let epoch = 0;
  // The listeners of every restart seen so far, one restart after the other: a later check (even one
  // that finds the same server again) releases writes only once they have all finished.
  let rewinding: Promise<void> = Promise.resolve();
  const listeners = new Set<RestartListener>();
  const runListeners = async (restart: { previousRunId: string; runId: string }): Promise<void> => {
    const results = await Promise.allSettled([...listeners].map((listener) => listener(restart)));
    for (const result of results) {
      if (result.status !== 'rejected') continue;
      const err: unknown = result.reason;
      log?.error({ err }, 'a Redis restart listener failed');
    }
  };

  const check = async (mine: number): Promise<void> => {
    if (stopped || mine !== epoch || redis.status !== 'ready') return;
    let current: string;
    try {
      current = await serverRunId(redis);
    } catch (err) {
      log?.warn({ err }, 'cannot read the Redis run_id after reconnecting; retrying');
      setTimeout(() => void check(mine), RETRY_MS).unref();
      return;
    }
    if (mine !== epoch) return;
    if (current !== runId) {
      const restart = { previousRunId: runId, runId: current };
      runId = current;
      restarts += 1;
      log?.warn(restart, 'Redis restarted: writes held until the restart listeners finished');
      rewinding = rewinding.then(() => runListeners(restart));
    }
    await rewinding;
    if (mine === epoch) verified = true;
  };
  const onClose = () => {
    epoch += 1;
    verified = false;
  };
  const onReady = () => void check(epoch);
  redis.on('close', onClose);
  redis.on('ready', onReady);
  return {
    verified: () => verified && redis.status === 'ready',
    restarts: () => restarts,
    onRestart(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      redis.off('close', onClose);
      redis.off('ready', onReady);
    },
  };
}
