import { scoreSummarySchema, sharedFactorSchema, type TrustChanged } from '@trustwatch/schemas';
import type { ChainableCommander, Redis } from 'ioredis';
import { checkEffects, checkPosition, chunks } from '../effects.js';
import { scriptError, StoreError, unavailable } from '../errors.js';
import { checkFeedQuery } from '../feed-cursor.js';
import { catalogField, componentField, createKeys, parseComponentField } from '../keys.js';
import {
  DEFAULT_LIMITS,
  type ApplyExtras,
  type ApplyOutcome,
  type Asset,
  type CustomerEffects,
  type FeedPage,
  type PublishedFirmware,
  type StoreLimits,
  type SupplierLink,
  type TrustStore,
} from '../port.js';
import { checkSnapshotOwner, parseSnapshotEntry } from '../memory/asset-snapshots.js';
import { checkCustomerListQuery, checkHistoryQuery, customerPage } from '../memory/read-queries.js';
import { selectPublished } from '../memory/catalog-select.js';
import { applyEffectsArgs, parseApplyReply } from './apply-args.js';
import type { StoreLogger } from './connection.js';
import { fanOutInRedis } from './fan-out.js';
import { loadCustomersFromRedis } from './load-customers.js';
import { replaceFleetInRedis } from './redis-fleet.js';
import { upsertObservedInRedis } from './redis-observed-asset.js';
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
}

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

  const writable = options.writable ?? (() => true);
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
    progress: ApplyExtras['progress'],
  ): Promise<ApplyOutcome[]> {
    let first: PipelineResult | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const pipeline = redis.pipeline();
      const queued = queueShared(pipeline, keys, shared ?? []);
      for (const effects of chunk) pipeline.twApplyEffects(...applyEffectsArgs(keys, limits, now(), effects));
      // The index spans customers (another cluster slot), so it rides in the pipeline, not the script:
      // ZADD NX is idempotent, and a chunk resent after NOSCRIPT only adds the same members again.
      const scored = chunk.filter((e) => e.summary !== undefined).map((e) => e.customerId);
      if (scored.length > 0) pipeline.zadd(keys.customerIndex, 'NX', ...scored.flatMap((id) => [0, id]));
      if (progress !== undefined) {
        pipeline.twRecordProgress(keys.topicProgress(progress.topic), progress.partition, progress.offset);
      }
      guardWrite('applyMany');
      const sent = await exec(pipeline, 'applyMany');
      const results = first === undefined ? sent : keepFirstSuccesses(first, sent);
      if (results.some(([err]) => isNoScript(err)) && attempt === 0) {
        await call('SCRIPT LOAD', () => loadScripts(redis));
        first = results;
        continue;
      }
      const failed = results.find(([err]) => err !== null);
      if (failed?.[0]) throw unavailable('applyMany', failed[0]);
      for (const [, reply] of results.slice(0, shared?.length ?? 0)) {
        if (typeof reply === 'number' && reply < 0) throw scriptError('putSharedFactor', reply);
      }
      const last = results.at(-1)?.[1];
      if (progress !== undefined && typeof last === 'number' && last < 0)
        throw scriptError('recordProgress', last);
      return chunk.map((effects, i) => parseApplyReply(effects.customerId, results[queued + i]?.[1]));
    }
  }

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
      const change = await upsertObservedInRedis(redis, keys, customerId, observed, version);
      if (change.applied) await indexCustomers([customerId]);
      return change;
    },
    getFleet: (customerId) =>
      call('getFleet', async () => {
        const assets = await redis.hvals(keys.customer(customerId).assets);
        return assets.map((json) => JSON.parse(json) as Asset);
      }),
    findAssets: (customerId, vendor, model, component, version) =>
      call('findAssets', async () => {
        const json = await redis.hget(
          keys.customer(customerId).components,
          componentField(vendor, model, component, version),
        );
        return json === null ? [] : (JSON.parse(json) as string[]);
      }),
    customersOfVendor: (vendorId) =>
      call('customersOfVendor', async () => {
        const flat = await redis.zrange(keys.vendorCustomers(vendorId), 0, -1, 'WITHSCORES');
        const out: { customerId: string; share: number }[] = [];
        for (let i = 0; i + 1 < flat.length; i += 2)
          out.push({ customerId: flat[i] ?? '', share: Number(flat[i + 1]) });
        return out.sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
      }),
    linkSupplier: (link, present) =>
      call('linkSupplier', async () => {
        const key = keys.supplierVendors(link.supplierId);
        const field = `${encodeURIComponent(link.vendorId)}|${encodeURIComponent(link.category)}`;
        if (present) await redis.hset(key, field, JSON.stringify(link));
        else await redis.hdel(key, field);
      }),
    vendorsOfSupplier: (supplierId, category) =>
      call('vendorsOfSupplier', async () => {
        const links = (await redis.hvals(keys.supplierVendors(supplierId))).map(
          (j) => JSON.parse(j) as SupplierLink,
        );
        return links
          .filter((l) => category === undefined || l.category === category)
          .sort((a, b) => (a.vendorId + a.category < b.vendorId + b.category ? -1 : 1));
      }),
    publishFirmware: (entry) =>
      call('publishFirmware', async () => {
        const field = catalogField(entry.model, entry.component, entry.version, entry.softwareId);
        await redis.hset(keys.catalog(entry.vendor), field, JSON.stringify(entry));
      }),
    publishedFirmware: (vendor, model, component) =>
      call('publishedFirmware', async () => {
        const entries = (await redis.hvals(keys.catalog(vendor))).map(
          (j) => JSON.parse(j) as PublishedFirmware,
        );
        return selectPublished(entries, model, component);
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
    async getAssetSnapshot(customerId, assetId) {
      const stored = await call('getAssetSnapshot', () =>
        redis.hget(keys.customer(customerId).snapshots, assetId),
      );
      if (stored === null) return null;
      // The value is `<version>:<entry JSON>` (see keys.ts); the version only matters to the script.
      const colon = stored.indexOf(':');
      return parseSnapshotEntry(colon < 0 ? '' : stored.slice(colon + 1));
    },
    async putSharedFactor(factor, version) {
      if (!Number.isSafeInteger(version))
        throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
      const pipeline = redis.pipeline();
      queueShared(pipeline, keys, [{ factor, version }]);
      const [[err, reply] = [null, null]] = await exec(pipeline, 'putSharedFactor');
      if (err !== null) throw unavailable('putSharedFactor', err);
      if (typeof reply === 'number' && reply < 0) throw scriptError('putSharedFactor', reply);
      return reply === 1;
    },
    ...redisVendorCatalog(redis, keys),
    ...redisPendingAnswers(redis, keys, limits.dedupeTtlMs),
    getSharedFactor: (factorId) =>
      call('getSharedFactor', async () => {
        const json = await redis.hget(keys.sharedFactor(factorId), 'json');
        return json === null ? null : sharedFactorSchema.parse(JSON.parse(json));
      }),
    async applyMany(effects, extras = {}) {
      effects.forEach(checkEffects);
      if (extras.progress !== undefined) checkPosition(extras.progress);
      for (const { version } of extras.shared ?? []) {
        if (!Number.isSafeInteger(version))
          throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
      }
      const parts = chunks(effects, limits.chunkSize);
      if (parts.length === 0) parts.push([]);
      const outcomes: ApplyOutcome[] = [];
      for (const [i, part] of parts.entries()) {
        const shared = i === 0 ? extras.shared : undefined;
        const progress = i === parts.length - 1 ? extras.progress : undefined;
        outcomes.push(...(await applyChunk(part, shared, progress)));
      }
      return outcomes;
    },
    fanOut: (customerIds, compute, extras = {}) =>
      fanOutInRedis({ redis, keys, limits, now, guardWrite }, customerIds, compute, extras),
    async recordProgress(position) {
      checkPosition(position);
      guardWrite('recordProgress');
      const reply = await call('recordProgress', () =>
        redis.twRecordProgress(keys.topicProgress(position.topic), position.partition, position.offset),
      );
      if (reply < 0) throw scriptError('recordProgress', reply);
    },
    resumeOffsets: (topic) =>
      call('resumeOffsets', async () => {
        const stored = await redis.hgetall(keys.topicProgress(topic));
        return new Map(Object.entries(stored).map(([p, offset]) => [Number(p), String(BigInt(offset) + 1n)]));
      }),
    loadCustomers: (customerIds) => loadCustomersFromRedis(redis, keys, limits.chunkSize, customerIds),
    async getFactors(customerId) {
      const [snapshot] = await loadCustomersFromRedis(redis, keys, limits.chunkSize, [customerId]);
      return [...(snapshot?.factors ?? [])];
    },
    listComponents: (customerId) =>
      call('listComponents', async () => {
        const index = await redis.hgetall(keys.customer(customerId).components);
        return Object.entries(index).flatMap(([field, json]) => {
          const parts = parseComponentField(field);
          return parts === null ? [] : [{ ...parts, assetIds: JSON.parse(json) as string[] }];
        });
      }),
    getSummary: (customerId) =>
      call('getSummary', async () => {
        const json = await redis.hget(keys.customer(customerId).summary, 'json');
        return json === null ? null : scoreSummarySchema.parse(JSON.parse(json));
      }),
    summaryAsOf: (customerId, at) =>
      call('summaryAsOf', async () => {
        const [json] = await redis.zrevrangebyscore(
          keys.customer(customerId).history,
          at,
          '-inf',
          'LIMIT',
          0,
          1,
        );
        return json === undefined ? null : scoreSummarySchema.parse(JSON.parse(json));
      }),
    summaryHistory: (customerId, query) =>
      call('summaryHistory', async () => {
        checkHistoryQuery(query);
        const key = keys.customer(customerId).history;
        const rows = await redis.zrevrangebyscore(key, query.to, query.from, 'LIMIT', 0, query.limit);
        return rows.map((json) => scoreSummarySchema.parse(JSON.parse(json)));
      }),
    listCustomers: (query) =>
      call('listCustomers', async () => {
        checkCustomerListQuery(query);
        const start = query.cursor === undefined ? '-' : `(${query.cursor}`;
        // One more than asked: its presence says whether this is the last page.
        const ids = await redis.zrangebylex(keys.customerIndex, start, '+', 'LIMIT', 0, query.limit + 1);
        return customerPage(ids, query.limit);
      }),
    knowsCustomer: (customerId) =>
      call('knowsCustomer', async () => (await redis.zscore(keys.customerIndex, customerId)) !== null),
    async feed(customerId, query): Promise<FeedPage> {
      checkFeedQuery(query);
      const key = keys.customer(customerId).feed;
      const rows = await call('feed', () =>
        query.since !== undefined
          ? redis.xrange(key, `(${query.since}`, '+', 'COUNT', query.limit)
          : // One more than asked, so a full last page is known to be the last (next: null).
            redis.xrevrange(
              key,
              query.before === undefined ? '+' : `(${query.before}`,
              '-',
              'COUNT',
              query.limit + 1,
            ),
      );
      const entries = rows.slice(0, query.limit).map(([id, fields]) => ({
        id,
        change: JSON.parse(fields[1] ?? 'null') as TrustChanged,
      }));
      const lastId = entries.at(-1)?.id ?? null;
      if (query.since !== undefined) return { entries, next: lastId ?? query.since };
      return { entries, next: rows.length > query.limit ? lastId : null };
    },
    async feedEntry(customerId, feedId) {
      checkFeedQuery({ limit: 1, before: feedId });
      const key = keys.customer(customerId).feed;
      const [row] = await call('feedEntry', () => redis.xrange(key, feedId, feedId));
      return row === undefined ? null : (JSON.parse(row[1][1] ?? 'null') as TrustChanged);
    },
    close: () => Promise.resolve(),
  };
}
