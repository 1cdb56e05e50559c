import { BenchError } from './errors.js';
import { sleep } from './rate.js';
import type { RedisClient } from './redis-link.js';

/** Slow commands seen in a window: all of them, and those touching this run's keys. */
export interface SlowlogReport {
  readonly thresholdMicros: number;
  readonly entries: number;
  readonly ours: number;
  readonly slowest: readonly { micros: number; command: string }[];
  /**
   * Forks of the server in the window (an AOF rewrite or a snapshot) and how long its last fork took.
   * A fork blocks Redis, and the commands right after it run slower while their pages are copied
   * (copy-on-write): slow entries then say as much about persistence as about the commands.
   */
  readonly forks: number;
  readonly latestForkMicros: number;
}

/** A numeric field of an INFO section (0 when absent). */
function infoField(info: string, name: string): number {
  return Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
}

/** `total_forks` and `latest_fork_usec` from INFO stats. */
async function forkStats(redis: RedisClient): Promise<{ total: number; latestMicros: number }> {
  const info = await redis.info('stats');
  return { total: infoField(info, 'total_forks'), latestMicros: infoField(info, 'latest_fork_usec') };
}

const REWRITE_POLL_MS = 100;

/**
 * Rewrites the server's AOF now and waits until the rewrite is done (nothing to do without AOF). The
 * writes before a measuring window (seeding thousands of customers) can make an automatic rewrite due
 * right inside it: its fork then stalls the window's commands, which measures persistence, not them.
 * After a rewrite the next one waits until the AOF doubled again. The window still counts any fork.
 */
export async function rewriteAofNow(redis: RedisClient, timeoutMs = 120_000): Promise<void> {
  if (infoField(await redis.info('persistence'), 'aof_enabled') !== 1) return;
  const deadline = Date.now() + timeoutMs;
  const busy = async () => {
    const info = await redis.info('persistence');
    return infoField(info, 'aof_rewrite_in_progress') + infoField(info, 'aof_rewrite_scheduled') > 0;
  };
  const settled = async () => {
    while (await busy()) {
      if (Date.now() > deadline)
        throw new BenchError('TIMEOUT', `the AOF rewrite took longer than ${String(timeoutMs)} ms`);
      await sleep(REWRITE_POLL_MS);
    }
  };
  await settled(); // one already running (or scheduled) first: a second would be refused
  await redis.bgrewriteaof();
  await settled();
}

type Entry = [number, number, number, string[], ...unknown[]];

// Room for every slow command of a phase (the server keeps 128 by default).
const WINDOW_LENGTH = 1_024;

/** A SLOWLOG recording window; `restore()` puts the server's own settings back. */
export interface SlowlogWindow {
  /** Empties the log: the window starts now. */
  reset(): Promise<void>;
  /** Reads the log: the window ends now. */
  read(): Promise<SlowlogReport>;
  restore(): Promise<void>;
}

/**
 * Makes the server log commands above `micros` (and keep up to 1,024 of them) until `restore()`. The log
 * is server-wide, so other users of a shared Redis appear in it: entries naming `marker` (this run's
 * key prefix) are counted apart.
 */
export async function openSlowlog(
  redis: RedisClient,
  micros: number,
  marker: string,
): Promise<SlowlogWindow> {
  const threshold = (await redis.config('GET', 'slowlog-log-slower-than')) as string[];
  const length = (await redis.config('GET', 'slowlog-max-len')) as string[];
  await redis.config('SET', 'slowlog-log-slower-than', String(micros));
  await redis.config('SET', 'slowlog-max-len', String(WINDOW_LENGTH));
  let forksBefore = 0;
  return {
    async reset() {
      await redis.slowlog('RESET');
      forksBefore = (await forkStats(redis)).total;
    },
    async read() {
      const forks = await forkStats(redis);
      const raw = (await redis.slowlog('GET', WINDOW_LENGTH)) as Entry[];
      const entries = raw.map(([, , duration, args]) => ({
        micros: duration,
        command: args.join(' ').slice(0, 160),
      }));
      return {
        thresholdMicros: micros,
        entries: entries.length,
        ours: entries.filter((e) => e.command.includes(marker)).length,
        slowest: entries.sort((a, b) => b.micros - a.micros).slice(0, 5),
        forks: forks.total - forksBefore,
        latestForkMicros: forks.latestMicros,
      };
    },
    async restore() {
      await redis.config('SET', 'slowlog-log-slower-than', threshold[1] ?? '10000');
      await redis.config('SET', 'slowlog-max-len', length[1] ?? '128');
    },
  };
}
