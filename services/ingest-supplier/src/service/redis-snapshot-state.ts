// The Redis-backed snapshot state, shared by every instance of the service: the last applied snapshot
// per product or feed under short per-product leases, and the handled-file markers, on the store's
// generic ingest snapshot store (`createRedisIngestSnapshots` in @trustwatch/store).
import { randomUUID } from 'node:crypto';
import { parseUntrustedJson } from '@trustwatch/schemas';
import {
  connectRedis,
  createRedisIngestSnapshots,
  loadIngestSnapshotScripts,
  registerIngestSnapshotScripts,
  StoreError,
  type RedisConnectionOptions,
} from '@trustwatch/store';
import { IngestSupplierError } from '../errors.js';
import type { StoredSnapshot, SupplierSnapshots } from './snapshot-state.js';
import { savedSnapshotSchema } from './stored-snapshot-schema.js';

/**
 * The slice of the store's `RedisIngestSnapshots` this adapter uses, repeated structurally so the
 * adapter and its tests do not depend on more of the store than this (a test checks the store's type
 * still fits at compile time).
 */
export interface IngestSnapshotStore {
  claim(
    keys: readonly string[],
    lease: { owner: string; leaseMs: number },
  ): Promise<
    | {
        readonly status: 'claimed';
        readonly snapshot: { readonly key: string; readonly payload: string } | undefined;
      }
    | { readonly status: 'busy'; readonly holder: string }
  >;
  put(
    versions: readonly { readonly key: string; readonly version: number }[],
    payload: string,
    release?: { owner: string },
  ): Promise<'stored' | 'stale'>;
  markHandled(inputKey: string): Promise<void>;
  isHandled(inputKey: string): Promise<boolean>;
}

export interface RedisSupplierSnapshotsOptions {
  /** This instance's id in leases (default: a random UUID per adapter). */
  readonly owner?: string;
  /**
   * How long a product stays claimed between reading its snapshot and storing the next one, ms
   * (default 30 s). It bounds how long a crashed instance blocks the product; it must exceed the time
   * one file takes to publish, link and store, or a second instance may diff the same product at once.
   */
  readonly leaseMs?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// The order diffStored applies, per key: one serial number is ordered by BOM version; a product
// bom-ref (whose serials may change) and a registry feed by their day.
function versionUnder(key: string, entry: StoredSnapshot): number {
  if (entry.kind === 'bom' && key.startsWith('bom:serial:')) return entry.snapshot.version;
  const day = entry.kind === 'bom' ? entry.snapshot.effectiveDate : entry.snapshot.asOf;
  if (!DAY.test(day)) throw new RangeError(`snapshot day "${day}" is not YYYY-MM-DD`);
  return Date.parse(`${day}T00:00:00Z`);
}

function readSaved(key: string, payload: string): StoredSnapshot {
  try {
    return savedSnapshotSchema.parse(parseUntrustedJson(payload)).entry;
  } catch (cause) {
    throw new IngestSupplierError('STATE_INVALID', 'saved snapshot in Redis is damaged', {
      file: `redis snapshot "${key}"`,
      cause,
    });
  }
}

/**
 * SupplierSnapshots on Redis, for any number of instances sharing one state. `get` claims the product
 * or feed for this instance; while another instance holds it, `get` fails with a retriable
 * `StoreError` (`UNAVAILABLE`), so the file is deferred to the next scan and then diffed against what
 * the other instance stored. `put` stores the snapshot under every key (refused in Redis if any key
 * already holds a newer one, which only an instance whose lease ran out can meet: it then keeps the
 * newer state) and releases the claim.
 */
export function createRedisSupplierSnapshots(
  store: IngestSnapshotStore,
  options: RedisSupplierSnapshotsOptions = {},
): SupplierSnapshots {
  const owner = options.owner ?? randomUUID();
  const leaseMs = options.leaseMs ?? 30_000;
  return {
    async get(keys) {
      if (keys.length === 0) return undefined;
      const claim = await store.claim(keys, { owner, leaseMs });
      if (claim.status === 'busy') {
        throw new StoreError(
          'UNAVAILABLE',
          `${keys.join(', ')} is being applied by instance ${claim.holder}`,
        );
      }
      return claim.snapshot === undefined ? undefined : readSaved(claim.snapshot.key, claim.snapshot.payload);
    },
    async put(keys, entry) {
      const [first] = keys;
      if (first === undefined) return;
      const versions = keys.map((key) => ({ key, version: versionUnder(key, entry) }));
      // The key field keeps the saved form the file adapter writes, so both read it with one schema.
      await store.put(versions, JSON.stringify({ key: first, entry }), { owner });
    },
    handled: (fileKey) => store.isHandled(fileKey),
    markHandled: (fileKey) => store.markHandled(fileKey),
  };
}

export interface OpenRedisSupplierSnapshotsOptions
  extends RedisConnectionOptions, RedisSupplierSnapshotsOptions {
  /** Key prefix (REDIS_KEY_PREFIX): keys are `<prefix>:ingest:{ingest-supplier}:*`. */
  readonly prefix: string;
}

/**
 * Redis snapshot state with a client of its own (the trust store keeps its client private): connected,
 * scripts registered and loaded; `close()` quits the client.
 */
export async function openRedisSupplierSnapshots(
  options: OpenRedisSupplierSnapshotsOptions,
): Promise<SupplierSnapshots & { close(): Promise<void> }> {
  const redis = await connectRedis(options);
  registerIngestSnapshotScripts(redis, options.log);
  await loadIngestSnapshotScripts(redis);
  const store = createRedisIngestSnapshots(redis, { prefix: options.prefix, service: 'ingest-supplier' });
  return {
    ...createRedisSupplierSnapshots(store, options),
    async close() {
      await redis.quit();
    },
  };
}
