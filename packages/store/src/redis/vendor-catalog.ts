import type { SharedFactor } from '@trustwatch/schemas';
import type { ChainableCommander, Redis } from 'ioredis';
import { StoreError, unavailable } from '../errors.js';
import { deepFreeze } from '../memory/stored-json.js';
import type { StoreKeys } from '../keys.js';
import { filedAdvisorySchema, storedAdvisorySchema } from '../filed-advisory.js';
import type { ApplyExtras, FiledAdvisory, TrustStore } from '../port.js';
import { advisoryVendorKeys, attributedTo } from '../vendor-keys.js';
import type { Coalescer } from './coalescer.js';
import type { ParsedJsonCache } from './parsed-json-cache.js';
import { createVersionedCache } from './versioned-cache.js';

// Vendors whose parsed advisories one store keeps: a firmware snapshot checks its vendor's advisories, so
// the hot vendors stay cached and each check costs one GET of the version instead of the whole hash.
const ADVISORY_CACHE_VENDORS = 1000;

/**
 * Queues the shared factors of an apply: first one `putSharedFactor-1` per factor (their replies are
 * the first `shared.length` results), then one ZADD per vendor-attributed factor into the vendor's
 * factor index, scored by the version. The index has the vendor's hash tag, not the factor's, so it
 * rides in the same pipeline, after the scripts, rather than in them; ZADD GT is idempotent, so a
 * resent pipeline adds nothing twice. Returns how many commands were queued.
 */
export function queueShared(
  pipeline: ChainableCommander,
  keys: StoreKeys,
  shared: NonNullable<ApplyExtras['shared']>,
): number {
  for (const { factor, version } of shared) {
    pipeline.twPutSharedFactor(keys.sharedFactor(factor.id), JSON.stringify(factor), version);
  }
  let indexed = 0;
  for (const { factor, version } of shared) {
    if (factor.scope.level !== 'entity') continue;
    // GT: a late, older put never lowers the score a prune compares against.
    pipeline.zadd(keys.vendorFactors(factor.scope.vendorId), 'GT', version, factor.id);
    indexed += 1;
  }
  return shared.length + indexed;
}

/** A ZRANGE WITHSCORES reply as (member, score) pairs. */
function pairs(reply: unknown): [string, string][] {
  const flat = Array.isArray(reply) ? reply.map(String) : [];
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] ?? '', flat[i + 1] ?? '']);
  return out;
}

/**
 * The Redis adapter's vendor indexes: shared factors and advisories by vendor. Reads go through the
 * coalescer: concurrent ones share round trips. Shared factors are parsed through the store's cache
 * (`sharedCache`), the one its customer reads use.
 */
export function redisVendorCatalog(
  redis: Redis,
  batch: Coalescer,
  keys: StoreKeys,
  sharedCache: ParsedJsonCache<SharedFactor>,
): Pick<TrustStore, 'sharedFactorsOfVendor' | 'putAdvisory' | 'advisoriesOfVendor'> {
  const advisoryCache = createVersionedCache<FiledAdvisory[]>(ADVISORY_CACHE_VENDORS);
  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw unavailable(operation, cause);
    }
  }
  return {
    sharedFactorsOfVendor: (vendorId) =>
      call('sharedFactorsOfVendor', async () => {
        const key = keys.vendorFactors(vendorId);
        const [flat] = await batch.send('sharedFactorsOfVendor', (p) => p.zrange(key, 0, -1, 'WITHSCORES'));
        const filed = pairs(flat).sort(([a], [b]) => (a < b ? -1 : 1));
        if (filed.length === 0) return [];
        const rows = await batch.send('sharedFactorsOfVendor', (p) => {
          for (const [id] of filed) p.hget(keys.sharedFactor(id), 'json');
        });
        const out: SharedFactor[] = [];
        const stale: string[] = [];
        filed.forEach(([id, score], i) => {
          const json = rows[i];
          const factor = typeof json === 'string' ? sharedCache.parse(id, json) : null;
          if (factor !== null && attributedTo(factor, vendorId)) out.push(factor);
          else stale.push(id, score);
        });
        // Best effort: a prune refused now (writes held, a failure) is retried by the next read.
        if (stale.length > 0) {
          await batch
            .send('pruneVendorFactors', (p) => p.twPruneVendorFactors(key, ...stale), { write: true })
            .catch(() => undefined);
        }
        return out;
      }),
    async putAdvisory(filed) {
      const parsed = filedAdvisorySchema.safeParse(filed);
      if (!parsed.success)
        throw new StoreError('INVALID_ARGUMENT', 'not a valid advisory', { cause: parsed.error });
      const { advisoryId } = parsed.data.advisory;
      const vendorKeys = advisoryVendorKeys(parsed.data.advisory);
      await call('putAdvisory', async () => {
        const before = await redis.get(keys.advisoryVendors(advisoryId));
        const old = before === null ? [] : (JSON.parse(before) as string[]);
        const pipeline = redis.pipeline();
        // Filed first, listed last: a crash in between leaves the revision findable, never lost.
        for (const key of vendorKeys) {
          pipeline.hset(keys.vendorAdvisories(key), advisoryId, JSON.stringify(parsed.data));
          pipeline.incr(keys.vendorAdvisoriesVersion(key));
        }
        for (const key of old.filter((k) => !vendorKeys.includes(k))) {
          pipeline.hdel(keys.vendorAdvisories(key), advisoryId);
          pipeline.incr(keys.vendorAdvisoriesVersion(key));
        }
        pipeline.set(keys.advisoryVendors(advisoryId), JSON.stringify(vendorKeys));
        const failed = ((await pipeline.exec()) ?? []).find(([err]) => err !== null);
        if (failed?.[0]) throw failed[0];
      });
    },
    advisoriesOfVendor: (vendor) =>
      call('advisoriesOfVendor', async () => {
        const key = vendor.toLowerCase();
        const versionKey = keys.vendorAdvisoriesVersion(key);
        const [version] = await batch.send('advisoriesOfVendor', (p) => p.get(versionKey));
        const cached = advisoryCache.get(key, version);
        if (cached !== undefined) return [...cached];
        // The version is read again with the hash: a write landing in between leaves the cache holding
        // newer advisories under an older version, which the next read's version then replaces.
        const [again, reply] = await batch.send('advisoriesOfVendor', (p) =>
          p.get(versionKey).hgetall(keys.vendorAdvisories(key)),
        );
        const stored = typeof reply === 'object' && reply !== null ? (reply as Record<string, string>) : {};
        // Frozen: the cached advisories are handed to every later reader of the vendor.
        const advisories = Object.entries(stored)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([, json]) => deepFreeze(storedAdvisorySchema.parse(JSON.parse(json))));
        advisoryCache.set(key, again, advisories);
        return [...advisories];
      }),
  };
}
