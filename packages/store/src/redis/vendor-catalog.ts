import { advisoryPublishedSchema, sharedFactorSchema, type SharedFactor } from '@trustwatch/schemas';
import type { ChainableCommander, Redis } from 'ioredis';
import { StoreError, unavailable } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type { ApplyExtras, TrustStore } from '../port.js';
import { advisoryVendorKeys } from '../vendor-keys.js';

/**
 * Queues the shared factors of an apply: first one `putSharedFactor-1` per factor (their replies are
 * the first `shared.length` results), then one SADD per vendor-attributed factor into the vendor's
 * factor index. The index has the vendor's hash tag, not the factor's, so it rides in the same
 * pipeline rather than in the script; SADD is idempotent, so a resent pipeline adds nothing twice.
 * Returns how many commands were queued.
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
  for (const { factor } of shared) {
    if (factor.scope.level !== 'entity') continue;
    pipeline.sadd(keys.vendorFactors(factor.scope.vendorId), factor.id);
    indexed += 1;
  }
  return shared.length + indexed;
}

/** The Redis adapter's vendor indexes: shared factors and advisories by vendor. */
export function redisVendorCatalog(
  redis: Redis,
  keys: StoreKeys,
): Pick<TrustStore, 'sharedFactorsOfVendor' | 'putAdvisory' | 'advisoriesOfVendor'> {
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
        const ids = (await redis.smembers(keys.vendorFactors(vendorId))).sort();
        if (ids.length === 0) return [];
        const pipeline = redis.pipeline();
        for (const id of ids) pipeline.hget(keys.sharedFactor(id), 'json');
        const rows = (await pipeline.exec()) ?? [];
        const out: SharedFactor[] = [];
        for (const [err, json] of rows) {
          if (err !== null) throw err;
          if (typeof json === 'string') out.push(sharedFactorSchema.parse(JSON.parse(json)));
        }
        return out;
      }),
    async putAdvisory(advisory) {
      const parsed = advisoryPublishedSchema.safeParse(advisory);
      if (!parsed.success)
        throw new StoreError('INVALID_ARGUMENT', 'not a valid advisory', { cause: parsed.error });
      const { advisoryId } = parsed.data;
      const vendorKeys = advisoryVendorKeys(parsed.data);
      await call('putAdvisory', async () => {
        const before = await redis.get(keys.advisoryVendors(advisoryId));
        const old = before === null ? [] : (JSON.parse(before) as string[]);
        const pipeline = redis.pipeline();
        // Filed first, listed last: a crash in between leaves the revision findable, never lost.
        for (const key of vendorKeys) {
          pipeline.hset(keys.vendorAdvisories(key), advisoryId, JSON.stringify(parsed.data));
        }
        for (const key of old.filter((k) => !vendorKeys.includes(k))) {
          pipeline.hdel(keys.vendorAdvisories(key), advisoryId);
        }
        pipeline.set(keys.advisoryVendors(advisoryId), JSON.stringify(vendorKeys));
        const failed = ((await pipeline.exec()) ?? []).find(([err]) => err !== null);
        if (failed?.[0]) throw failed[0];
      });
    },
    advisoriesOfVendor: (vendor) =>
      call('advisoriesOfVendor', async () => {
        const stored = await redis.hgetall(keys.vendorAdvisories(vendor.toLowerCase()));
        return Object.entries(stored)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([, json]) => advisoryPublishedSchema.parse(JSON.parse(json)));
      }),
  };
}
