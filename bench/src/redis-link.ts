import {
  connectRedis,
  createRedisTrustStore,
  loadScripts,
  registerScripts,
  type TrustStore,
} from '@trustwatch/store';

/** The client `connectRedis` returns (ioredis itself stays inside @trustwatch/store). */
export type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

/** Counts the requests a client sends: one per standalone command, one per pipeline. */
export interface RoundTripCounter {
  readonly count: number;
  reset(): void;
}

interface Writable {
  write: (...args: unknown[]) => boolean;
}

/**
 * Counts socket writes of a client. ioredis writes a pipeline as one buffer and a standalone command as
 * one write, and each of those is one request the caller then awaits: a round trip. Counting on the
 * client side needs no MONITOR (which would slow the server for everyone). Re-attached on reconnect,
 * which replaces the socket.
 */
export function countRoundTrips(redis: RedisClient): RoundTripCounter {
  let count = 0;
  const wrapped = new WeakSet<object>();
  const attach = (): void => {
    const stream = redis.stream as unknown as Writable;
    if (wrapped.has(stream)) return;
    wrapped.add(stream);
    const write = stream.write.bind(stream);
    stream.write = (...args: unknown[]) => {
      count += 1;
      return write(...args);
    };
  };
  attach();
  redis.on('connect', attach);
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}

/** A Redis trust store on a client the bench can also count, read INFO from and clean up with. */
export interface InstrumentedStore {
  readonly store: TrustStore;
  readonly redis: RedisClient;
  readonly roundTrips: RoundTripCounter;
  readonly prefix: string;
  /** Deletes the prefix's keys and closes the client. */
  close(): Promise<void>;
}

/** Opens a trust store as `openRedisTrustStore` does, keeping hold of the client to count round trips. */
export async function openInstrumentedStore(url: string, prefix: string): Promise<InstrumentedStore> {
  const redis = await connectRedis({ url, commandTimeoutMs: 30_000 });
  registerScripts(redis);
  await loadScripts(redis);
  const store = createRedisTrustStore({ redis, prefix });
  return {
    store,
    redis,
    prefix,
    roundTrips: countRoundTrips(redis),
    async close() {
      await purgePrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/**
 * Deletes every key under `prefix:` in SCAN pages of 1,000 with UNLINK (freed in the background), so the
 * shared server is never blocked and nothing outside this run's prefix is touched. Never FLUSHALL.
 */
export async function purgePrefix(redis: RedisClient, prefix: string): Promise<number> {
  const head = prefix.replace(/:+$/, '');
  if (!/^[A-Za-z0-9._-]+$/.test(head)) throw new RangeError(`refusing to purge prefix "${prefix}"`);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${head}:*`, 'COUNT', 1_000);
    if (found.length > 0) deleted += await redis.unlink(...found);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
