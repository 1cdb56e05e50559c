import type { BenchContext } from './context.js';
import { seedPortfolio, type PortfolioShape } from './portfolio.js';
import { openInstrumentedStore, type InstrumentedStore, type RedisClient } from './redis-link.js';

// Keys copied per pipeline: one SCAN page.
const PAGE = 1_000;

/**
 * The portfolio seeded once per run and shape through the store's own import path, then copied key by
 * key (COPY, server-side) under each engine pass's fresh prefix: seeding 45,000 assets through
 * `replaceFleet` takes seconds, the copy a fraction of that. Every key the store writes starts with its
 * prefix and no stored value names a key, so the copy is the same portfolio; the correctness gate,
 * which runs on a copy against an oracle seeded through the memory store, checks exactly that.
 */
async function template(ctx: BenchContext, shape: PortfolioShape): Promise<InstrumentedStore> {
  const id = JSON.stringify(shape);
  let pending = ctx.templates.get(id);
  if (pending === undefined) {
    pending = (async () => {
      const link = await openInstrumentedStore(ctx.config.redisUrl, `${ctx.tag}-tpl${ctx.templates.size}`);
      await seedPortfolio(link.store, shape);
      return link;
    })();
    ctx.templates.set(id, pending);
  }
  return pending;
}

/** Gives `prefix` on `target` the run's seeded portfolio of this shape. */
export async function seedFromTemplate(
  ctx: BenchContext,
  shape: PortfolioShape,
  target: RedisClient,
  prefix: string,
): Promise<void> {
  const source = await template(ctx, shape);
  let cursor = '0';
  do {
    const [next, keys] = await source.redis.scan(cursor, 'MATCH', `${source.prefix}:*`, 'COUNT', PAGE);
    if (keys.length > 0) {
      const pipeline = target.pipeline();
      for (const key of keys) pipeline.copy(key, `${prefix}${key.slice(source.prefix.length)}`);
      for (const [error] of (await pipeline.exec()) ?? []) if (error !== null) throw error;
    }
    cursor = next;
  } while (cursor !== '0');
}

/** Deletes the run's templates (their keys) and closes their clients. */
export async function closeTemplates(ctx: BenchContext): Promise<void> {
  const all = [...ctx.templates.values()];
  ctx.templates.clear();
  for (const pending of all) await (await pending).close();
}
