import type { ChainableCommander, Redis } from 'ioredis';
import {
  checkEffects,
  checkPosition,
  chunks,
  noConflict,
  progressPlan,
  type ProgressPlan,
} from '../effects.js';
import { scriptError, StoreError, unavailable } from '../errors.js';
import { catalogField, createKeys } from '../keys.js';
import {
  DEFAULT_LIMITS,
  type ApplyExtras,
  type ApplyOutcome,
  type CustomerEffects,
  type StoreLimits,
  type TrustStore,
} from '../port.js';
import { checkSnapshotOwner } from '../memory/asset-snapshots.js';
import { applyEffectsArgs, parseApplyReply } from './apply-args.js';
import { createCoalescer } from './coalescer.js';
import type { StoreLogger } from './connection.js';
import { fanOutInRedis } from './fan-out.js';
import { noteBindings } from './held-shared.js';
import { createReadAhead, readAheadLimits } from './read-ahead.js';
import { createParseCaches } from './load-customers.js';
import { queueProgress, settleProgress } from './progress.js';
import { replaceFleetInRedis } from './redis-fleet.js';
import { upsertObservedInRedis } from './redis-observed-asset.js';
import { redisReads } from './redis-reads.js';
import { isNoScript, keepFirstSuccesses, loadScripts } from './scripts.js';
import { queueShared, redisVendorCatalog } from './vendor-catalog.js';
import { redisPendingAnswers } from './pending-answers.js';

export interface RedisStoreOptions {
  /** A client from connectRedis with registerScripts applied; the store does not close it. */
  readonly redis: Redis;
  /** Key prefix: `tw` in production, a unique one per test. */
  readonly prefix: string;
  readonly limits?: Partial<StoreLimits>;
  readonly now?: () => number;
  readonly log?: StoreLogger;
  /**
   * Whether writes may go out now (see restart-watch.ts): false between a reconnect and the check that
   * the server did not restart, so nothing is applied on top of a restored data set before the engine
   * rewound. Writes meanwhile fail as UNAVAILABLE (retriable). Default: always.
   */
  readonly writable?: () => boolean;
  /**
   * Bound of each parsed-JSON cache (factors, exposures, shared factors, summaries), in characters of
   * the stored JSON kept (only the texts Redis held at each place's last read). Default 16 Mi: some
   * 25,000 factors, or 25 customers of 1,000 factors each; the parsed values take about 2.5 bytes per
   * character of text on top of it (some 40 MB of heap per full cache). Also bounds the shared factor ids remembered
   * per customer (`held-shared.ts`) to one per 16 characters (1 Mi ids by default); 0 turns both off.
   */
  readonly parseCacheChars?: number;
}

const DEFAULT_PARSE_CACHE_CHARS = 16 * 1024 * 1024;

type PipelineResult = [Error | null, unknown][];

async function exec(pipeline: ChainableCommander, operation: string): Promise<PipelineResult> {
  try {
    return (await pipeline.exec()) ?? [];
  } catch (cause) {
    throw unavailable(operation, cause);
  }
}

/** The production adapter: Redis through ioredis, every multi-key write one Lua script. */
export function createRedisTrustStore(options: RedisStoreOptions): TrustStore {
  const { redis } = options;
  const keys = createKeys(options.prefix);
  const limits: StoreLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;

  const parseCacheChars = options.parseCacheChars ?? DEFAULT_PARSE_CACHE_CHARS;
  // NaN would compare false against every size and leave the caches unbounded; 0 turns them off.
  if (!Number.isSafeInteger(parseCacheChars) || parseCacheChars < 0) {
    throw new StoreError('INVALID_ARGUMENT', 'parseCacheChars must be a non-negative integer');
  }
  const caches = createParseCaches(parseCacheChars);
  const readAhead = createReadAhead(readAheadLimits(limits));
  const writable = options.writable ?? (() => true);
  // Reads issued in the same tick (and concurrent observed-asset writes) share one pipeline.
  const batch = createCoalescer(redis, { writable });
  // Checked synchronously right before a write is sent: no await lies between the check and the send.
  function guardWrite(operation: string): void {
    if (!writable()) {
      throw new StoreError('UNAVAILABLE', `Redis ${operation} held: reconnected, restart check pending`);
    }
  }

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw unavailable(operation, cause);
    }
  }

  // One chunk, one round trip. A NOSCRIPT (script cache flushed mid-flight) reloads the scripts and
  // resends the whole chunk: calls that did run find their dedupe marker, and keep their first reply.
  async function applyChunk(
    chunk: readonly CustomerEffects[],
    shared: ApplyExtras['shared'],
    progress: ProgressPlan | undefined,
    earlier: readonly ApplyOutcome[],
  ): Promise<ApplyOutcome[]> {
    let first: PipelineResult | undefined;
    noteBindings(caches.heldShared, chunk);
    for (let attempt = 0; ; attempt += 1) {
      const pipeline = redis.pipeline();
      const queued = queueShared(pipeline, keys, shared ?? []);
      for (const effects of chunk) pipeline.twApplyEffects(...applyEffectsArgs(keys, limits, now(), effects));
      // The index spans customers (another cluster slot), so it rides in the pipeline, not the script:
      // ZADD NX is idempotent, and a chunk resent after NOSCRIPT only adds the same members again.
      const scored = chunk.filter((e) => e.summary !== undefined).map((e) => e.customerId);
      if (scored.length > 0) pipeline.zadd(keys.customerIndex, 'NX', ...scored.flatMap((id) => [0, id]));
      if (progress !== undefined) queueProgress(pipeline, keys, progress, chunk);
      guardWrite('applyMany');
      const sent = await exec(pipeline, 'applyMany');
      const results = first === undefined ? sent : keepFirstSuccesses(first, sent);
      if (results.some(([err]) => isNoScript(err)) && attempt === 0) {
        await call('SCRIPT LOAD', () => loadScripts(redis));
        first = results;
        continue;
      }
      const progressResult = progress === undefined ? undefined : results.pop();
      const failed = results.find(([err]) => err !== null);
      if (failed?.[0]) throw unavailable('applyMany', failed[0]);
      for (const [, reply] of results.slice(0, shared?.length ?? 0)) {
        if (typeof reply === 'number' && reply < 0) throw scriptError('putSharedFactor', reply);
      }
      const outcomes = chunk.map((effects, i) =>
        parseApplyReply(effects.customerId, results[queued + i]?.[1]),
      );
      if (progress !== undefined) {
        await settleProgress({ redis, keys, guardWrite }, progress, progressResult, [
          ...earlier,
          ...outcomes,
        ]);
      }
      return outcomes;
    }
  }

  const fanOutContext = { redis, batch, keys, limits, now, guardWrite, caches, readAhead };

  // Adds customers to the listing index; idempotent, so a retry after a failure is harmless.
  async function indexCustomers(customerIds: readonly string[]): Promise<void> {
    if (customerIds.length === 0) return;
    await call('index customers', () =>
      redis.zadd(keys.customerIndex, 'NX', ...customerIds.flatMap((id) => [0, id])),
    );
  }

  return {
    async replaceFleet(customerId, assets, version) {
      guardWrite('replaceFleet');
      const change = await replaceFleetInRedis(redis, keys, customerId, assets, version);
      // After the swap: an import that failed lists nothing, and a refused one has a fleet stored already.
      await indexCustomers([customerId]);
      return change;
    },
    async upsertObservedAsset(customerId, observed, version) {
      guardWrite('upsertObservedAsset');
      return upsertObservedInRedis(batch, keys, customerId, observed, version);
    },
    ...redisReads(batch, keys, limits, caches, readAhead),
    // Through the coalescer, like the reads: a batch of supplier changes links its suppliers in one
    // round trip. Each call's commands stay in the order they were issued.
    async linkSupplier(link, present) {
      const key = keys.supplierVendors(link.supplierId);
      const field = `${encodeURIComponent(link.vendorId)}|${encodeURIComponent(link.category)}`;
      await batch.send(
        'linkSupplier',
        (p) => (present ? p.hset(key, field, JSON.stringify(link)) : p.hdel(key, field)),
        { write: true },
      );
    },
    publishFirmware: (entry) =>
      call('publishFirmware', async () => {
        const field = catalogField(entry.model, entry.component, entry.version, entry.softwareId);
        await redis.hset(keys.catalog(entry.vendor), field, JSON.stringify(entry));
      }),
    async putAssetSnapshot(customerId, assetId, entry, version) {
      checkSnapshotOwner(customerId, assetId, entry);
      // Lua numbers are doubles: an integer past 2^53 would compare wrongly, so it is refused here. The
      // script itself refuses any other non-integer (`1.5`, `NaN`) and an empty asset id before writing.
      if (Number.isInteger(version) && !Number.isSafeInteger(version)) {
        throw new StoreError('INVALID_ARGUMENT', 'version must be a safe integer');
      }
      const reply = await call('putAssetSnapshot', () =>
        redis.twPutAssetSnapshot(
          keys.customer(customerId).snapshots,
          assetId,
          String(version),
          JSON.stringify(entry),
        ),
      );
      if (reply < 0) throw scriptError('putAssetSnapshot', reply);
      return reply === 1;
    },
    async putSharedFactor(factor, version) {
      if (!Number.isSafeInteger(version))
        throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
      const [reply] = await batch.send(
        'putSharedFactor',
        (p) => {
          queueShared(p, keys, [{ factor, version }]);
        },
        { write: true },
      );
      if (typeof reply === 'number' && reply < 0) throw scriptError('putSharedFactor', reply);
      return reply === 1;
    },
    ...redisVendorCatalog(redis, batch, keys, caches.shared),
    ...redisPendingAnswers(redis, batch, keys, limits.dedupeTtlMs),
    async applyMany(effects, extras = {}) {
      effects.forEach(checkEffects);
      const plan = progressPlan(extras);
      for (const { version } of extras.shared ?? []) {
        if (!Number.isSafeInteger(version))
          throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
      }
      const parts = chunks(effects, limits.chunkSize);
      if (parts.length === 0) parts.push([]);
      const outcomes: ApplyOutcome[] = [];
      for (const [i, part] of parts.entries()) {
        const shared = i === 0 ? extras.shared : undefined;
        // A conditional position is left out once an earlier chunk conflicted.
        const last = i === parts.length - 1 && (plan?.ifClean !== true || noConflict(outcomes));
        outcomes.push(...(await applyChunk(part, shared, last ? plan : undefined, outcomes)));
      }
      return outcomes;
    },
    fanOutWithProgress: (customerIds, compute, extras = {}) =>
      fanOutInRedis(fanOutContext, customerIds, compute, extras),
    fanOut: async (customerIds, compute, extras = {}) =>
      (await fanOutInRedis(fanOutContext, customerIds, compute, extras)).outcomes,
    async recordProgress(position) {
      checkPosition(position);
      guardWrite('recordProgress');
      const reply = await call('recordProgress', () =>
        redis.twRecordProgress(keys.topicProgress(position.topic), position.partition, position.offset),
      );
      if (reply < 0) throw scriptError('recordProgress', reply);
    },
    close: () => Promise.resolve(),
  };
}
