import { randomBytes } from 'node:crypto';
import { benchKeys } from './bench-keys.js';
import type { BenchContext } from './context.js';
import { customerId, fleetOf, seedPortfolio, type PortfolioShape } from './portfolio.js';
import { openInstrumentedStore, type RedisClient } from './redis-link.js';

/** Redis bytes of the seeded portfolio as the store keeps it, against one plain hash per customer. */
export interface MemoryPhase {
  readonly customers: number;
  readonly assets: number;
  readonly storeBytes: number;
  readonly bareBytes: number;
  readonly storeBytesPerCustomer: number;
  readonly storeBytesPerAsset: number;
  readonly bareBytesPerAsset: number;
  /** storeBytes / bareBytes; the target is <= 1.5. */
  readonly ratio: number;
}

/** Sums MEMORY USAGE (all samples) of every key under the prefix, in SCAN pages of 1,000. */
export async function prefixBytes(redis: RedisClient, prefix: string): Promise<number> {
  let total = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    for (const [, bytes] of (await pipeline.exec()) ?? []) total += typeof bytes === 'number' ? bytes : 0;
    cursor = next;
  } while (cursor !== '0');
  return total;
}

/**
 * Seeds the portfolio through the store into one fresh prefix and the same assets as plain hashes
 * (field = asset id, value = the asset as JSON) into another, and compares the bytes Redis reports.
 */
export async function runMemoryPhase(ctx: BenchContext, shape: PortfolioShape): Promise<MemoryPhase> {
  const suffix = randomBytes(3).toString('hex');
  const store = await openInstrumentedStore(ctx.config.redisUrl, `${ctx.tag}-mem${suffix}`);
  const bare = await openInstrumentedStore(ctx.config.redisUrl, `${ctx.tag}-bare${suffix}`);
  try {
    const size = await seedPortfolio(store.store, shape);
    const keys = benchKeys(bare.prefix);
    for (let start = 0; start < shape.customers; start += 100) {
      const pipeline = bare.redis.pipeline();
      for (let i = start; i < Math.min(shape.customers, start + 100); i += 1) {
        const fields = fleetOf(i, shape).flatMap((asset) => [asset.id, JSON.stringify(asset)]);
        pipeline.hset(keys.bareFleet(customerId(i)), ...fields);
      }
      await pipeline.exec();
    }
    const storeBytes = await prefixBytes(store.redis, store.prefix);
    const bareBytes = await prefixBytes(bare.redis, bare.prefix);
    return {
      customers: size.customers,
      assets: size.assets,
      storeBytes,
      bareBytes,
      storeBytesPerCustomer: storeBytes / size.customers,
      storeBytesPerAsset: storeBytes / size.assets,
      bareBytesPerAsset: bareBytes / size.assets,
      ratio: storeBytes / Math.max(1, bareBytes),
    };
  } finally {
    await store.close();
    await bare.close();
  }
}
