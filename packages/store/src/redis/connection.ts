import { Redis, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'node:tls';
import { unavailable } from '../errors.js';

/** The slice of a pino logger the store uses; libraries accept a logger, they never create one. */
export interface StoreLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RedisConnectionOptions {
  /** `redis://` or `rediss://` URL (user and password may be in it). */
  readonly url: string;
  /**
   * TLS settings (`false`: plaintext), e.g. `{ ca }` from @trustwatch/config's RedisConfig; Node verifies
   * the certificate and host name. `rediss://` URLs get TLS even without this.
   */
  readonly tls?: ConnectionOptions | false;
  /** Per-command deadline, ms. ioredis has none by default, so a lost reply would hang forever. */
  readonly commandTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly log?: StoreLogger;
}

/**
 * The production client settings. Every choice here guards against losing or doubling work:
 * - `enableOfflineQueue: false`: while Redis is down commands fail at once instead of queueing without
 *   bound; the bus sees `isReady()` false and pauses fetching (backpressure) instead of buffering.
 * - `commandTimeout`: an in-flight command whose reply is lost rejects instead of hanging.
 * - `maxRetriesPerRequest: 2`: a command caught by a reconnect is retried twice, then rejected as
 *   UNAVAILABLE; the caller must not commit its offset (it is redelivered, never skipped).
 * - `autoResendUnfulfilledCommands: false`: ioredis resends in-flight commands as soon as it reconnects,
 *   before anyone can tell whether the server restarted. After a restart from an older snapshot a resent
 *   apply would record its Kafka position past the writes the restart lost, so the rewind to the
 *   store's positions would skip them. Unsent, the command rejects (`commandTimeout`) and the bus
 *   redelivers its event once the restart check (restart-watch.ts) let writes through again.
 * - `reconnectOnError` for READONLY: after a failover the old primary turned replica; reconnect (to
 *   wherever the address now points) and hand the READONLY error to the caller as retriable. Resending
 *   is not asked for: with the offline queue off it would fail anyway, and the bus redelivers.
 */
export function redisOptions(options: RedisConnectionOptions): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableReadyCheck: true,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    maxRetriesPerRequest: 2,
    autoResendUnfulfilledCommands: false,
    // Exponential backoff from 50 ms, capped at 2 s, plus jitter so many engines do not reconnect in step.
    retryStrategy: (attempt) =>
      Math.min(50 * 2 ** Math.min(attempt, 6), 2_000) + Math.floor(Math.random() * 100),
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 1 : false),
    ...(options.tls === undefined || options.tls === false ? {} : { tls: options.tls }),
  };
}

/** Opens a client with the production settings and resolves once it is ready for commands. */
export async function connectRedis(options: RedisConnectionOptions): Promise<Redis> {
  const redis = new Redis(options.url, redisOptions(options));
  redis.on('error', (err: unknown) => options.log?.warn({ err }, 'redis connection error'));
  try {
    await redis.connect();
  } catch (cause) {
    redis.disconnect();
    throw unavailable('connect', cause);
  }
  return redis;
}

/** True when commands can be sent now; the bus pauses its partitions while this is false. */
export function isRedisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/**
 * Durability the store relies on: AOF with `appendfsync everysec` (at most ~1 s of applies lost in a
 * crash, re-applied from the recorded Kafka positions) and `maxmemory-policy noeviction` (eviction
 * would silently drop dedupe markers, letting duplicates through). Checked with CONFIG GET; a managed
 * Redis that forbids CONFIG gets a warning, not a failure.
 */
export async function checkDurability(redis: Redis, log?: StoreLogger): Promise<string[]> {
  const expected: Readonly<Record<string, string>> = {
    appendonly: 'yes',
    appendfsync: 'everysec',
    'maxmemory-policy': 'noeviction',
  };
  const problems: string[] = [];
  try {
    for (const [name, want] of Object.entries(expected)) {
      const reply = await redis.config('GET', name);
      const actual = Array.isArray(reply) ? (reply[1] as unknown) : undefined;
      if (actual !== want) problems.push(`${name} is ${String(actual)}, expected ${want}`);
    }
  } catch (err) {
    log?.warn({ err }, 'cannot read Redis durability settings (CONFIG GET refused); check them by hand');
    return ['CONFIG GET refused'];
  }
  if (problems.length > 0) log?.warn({ problems }, 'Redis is not configured as the trust store requires');
  return problems;
}
