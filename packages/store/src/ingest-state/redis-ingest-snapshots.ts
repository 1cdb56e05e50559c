import type { Redis } from 'ioredis';
import { scriptError, StoreError, unavailable } from '../errors.js';
import { createIngestKeys } from './ingest-keys.js';

export interface RedisIngestSnapshotsOptions {
  /** Key prefix (`tw` in production, a unique one per test). */
  readonly prefix: string;
  /** The ingest service whose state this is (e.g. `ingest-supplier`): the hash tag of all its keys. */
  readonly service: string;
}

/** A stored snapshot: the key it was found under, its version and the payload the service wrote. */
export interface IngestSnapshot {
  readonly key: string;
  readonly version: number;
  readonly payload: string;
}

/** One key a snapshot is stored under, with the version it has there (an integer, e.g. ms or a BOM version). */
export interface IngestSnapshotVersion {
  readonly key: string;
  readonly version: number;
}

/**
 * The outcome of a claim: `claimed` with the stored snapshot (if any) when this owner now holds the
 * lease on every key, `busy` with the holder when another instance's lease has not expired.
 */
export type IngestClaim =
  | { readonly status: 'claimed'; readonly snapshot: IngestSnapshot | undefined }
  | { readonly status: 'busy'; readonly holder: string };

/**
 * A versioned snapshot store for ingest services (the last applied snapshot per product or feed) with
 * handled-input markers and short per-product leases, so several instances can share one state.
 */
export interface RedisIngestSnapshots {
  /** The snapshot stored under the first of `keys` that has one; no lease taken. */
  get(keys: readonly string[]): Promise<IngestSnapshot | undefined>;
  /**
   * Takes (or renews) `owner`'s lease of `leaseMs` on every key, all or none, and reads the snapshot as
   * `get` does. Leases expire on the server's clock; `put` releases them.
   */
  claim(keys: readonly string[], lease: { owner: string; leaseMs: number }): Promise<IngestClaim>;
  /**
   * Stores `payload` under every key with its version unless one of them holds a newer version
   * (`stale`: nothing written). An equal version is rewritten. Releases `owner`'s leases on the keys.
   */
  put(
    versions: readonly IngestSnapshotVersion[],
    payload: string,
    release?: { owner: string },
  ): Promise<'stored' | 'stale'>;
  /** Records that an input (e.g. a file's content key) was applied or refused for good. */
  markHandled(inputKey: string): Promise<void>;
  isHandled(inputKey: string): Promise<boolean>;
}

async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw unavailable(operation, err);
  }
}

function parseStored(key: string, stored: string): IngestSnapshot {
  const match = /^(-?\d+):/.exec(stored);
  const version = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (match === null || !Number.isSafeInteger(version)) {
    throw new StoreError('CORRUPT_STATE', `ingest snapshot under "${key}" has no version prefix`);
  }
  return { key, version, payload: stored.slice(match[0].length) };
}

function requireKeys(keys: readonly string[]): void {
  if (keys.length === 0 || keys.some((key) => key === '')) {
    throw new StoreError('INVALID_ARGUMENT', 'at least one snapshot key is needed and none may be empty');
  }
}

/**
 * The Redis ingest snapshot store of one service. `redis` is a client from connectRedis with
 * registerIngestSnapshotScripts applied. Errors are StoreError: UNAVAILABLE (retriable) when Redis
 * fails, INVALID_ARGUMENT for empty keys or non-integer versions, CORRUPT_STATE for foreign data.
 */
export function createRedisIngestSnapshots(
  redis: Redis,
  options: RedisIngestSnapshotsOptions,
): RedisIngestSnapshots {
  const keys = createIngestKeys(options.prefix, options.service);
  return {
    get: (lookup) =>
      guard('ingest snapshot get', async () => {
        requireKeys(lookup);
        const found = await redis.hmget(keys.snapshots, ...lookup);
        const index = found.findIndex((value) => value !== null);
        const stored = found[index];
        const key = lookup[index];
        return stored == null || key === undefined ? undefined : parseStored(key, stored);
      }),
    claim: (lookup, { owner, leaseMs }) =>
      guard('ingest snapshot claim', async () => {
        requireKeys(lookup);
        const reply = await redis.twClaimIngestSnapshot(
          keys.snapshots,
          keys.leases,
          owner,
          leaseMs,
          ...lookup,
        );
        if (typeof reply === 'number') throw scriptError('claimIngestSnapshot', reply);
        const [status, first, second] = reply as [number, string?, string?];
        if (status === 0) return { status: 'busy', holder: first ?? '' };
        if (first === undefined || second === undefined) return { status: 'claimed', snapshot: undefined };
        return { status: 'claimed', snapshot: parseStored(first, second) };
      }),
    put: (versions, payload, release) =>
      guard('ingest snapshot put', async () => {
        requireKeys(versions.map((v) => v.key));
        if (versions.some((v) => !Number.isSafeInteger(v.version))) {
          throw new StoreError('INVALID_ARGUMENT', 'snapshot versions must be safe integers');
        }
        const pairs = versions.flatMap((v) => [v.key, String(v.version)]);
        const code = await redis.twPutIngestSnapshot(
          keys.snapshots,
          keys.leases,
          release?.owner ?? '',
          payload,
          ...pairs,
        );
        if (code < 0) throw scriptError('putIngestSnapshot', code);
        return code === 1 ? 'stored' : 'stale';
      }),
    markHandled: (inputKey) =>
      guard('ingest input mark', async () => {
        await redis.hset(keys.handled, inputKey, '1');
      }),
    isHandled: (inputKey) =>
      guard('ingest input check', async () => (await redis.hexists(keys.handled, inputKey)) === 1),
  };
}
