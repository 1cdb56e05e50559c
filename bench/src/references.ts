import { randomBytes } from 'node:crypto';
import type { DeliveredRecord, EventTopic } from '@trustwatch/bus';
import type { BenchContext } from './context.js';
import { benchKeys } from './bench-keys.js';
import { loadBenchScripts, type BenchScripts } from './bench-scripts.js';
import { openBus, topicsOf, type LoadedTopics } from './kafka-link.js';
import { customerId } from './portfolio.js';
import { RateMeter, waitFor } from './rate.js';
import { openInstrumentedStore, type InstrumentedStore } from './redis-link.js';
import { eventCount } from './workload.js';

/** A reference's rate and its Redis round trips per item. */
export interface ReferenceMeasure {
  readonly perSecond: number;
  readonly seconds: number;
  readonly items: number;
  readonly roundTripsPerItem: number;
}

const DEDUPE_TTL_S = 691_200;

/** The entity an event is about: what its key and partition are derived from. */
function entityOf(record: { key: string | null }): string {
  return record.key ?? 'none';
}

export async function withLink<T>(
  ctx: BenchContext,
  run: (link: InstrumentedStore) => Promise<T>,
): Promise<T> {
  const link = await openInstrumentedStore(
    ctx.config.redisUrl,
    `${ctx.tag}-r${randomBytes(3).toString('hex')}`,
  );
  try {
    return await run(link);
  } finally {
    await link.close();
  }
}

/** Where a reference consumer reads, and when it is done. */
interface DrainPlan {
  readonly namespace: string;
  readonly topics: readonly EventTopic[];
  readonly until: (handled: number) => boolean;
  readonly timeoutMs: number;
}

/**
 * Drains topics with the same bus (same kafkajs client and settings) in a fresh group, giving raw records
 * to `handle` a run at a time (the bus's batch path, as the engine gets its events: runs of a partition's
 * fetched records, offsets committed per run). A run the handler throws on comes back record by record.
 */
export async function drainRecords(
  ctx: BenchContext,
  plan: DrainPlan,
  handle: (records: readonly DeliveredRecord[]) => Promise<void>,
): Promise<RateMeter> {
  const bus = openBus(ctx.config.kafkaBrokers, plan.namespace, ctx.quietLog);
  const meter = new RateMeter();
  try {
    const consumer = await bus.consumeRecords({
      groupId: `${ctx.tag}-ref-${randomBytes(3).toString('hex')}`,
      topics: plan.topics,
      handleBatch: async (records) => {
        meter.begin();
        await handle(records);
        meter.mark(records.length);
      },
      handle: async (record) => {
        meter.begin();
        await handle([record]);
        meter.mark();
      },
    });
    await waitFor(() => plan.until(meter.count), plan.timeoutMs, 'reference consumer');
    await consumer.stop();
  } finally {
    await bus.close();
  }
  return meter;
}

function drainWith(
  ctx: BenchContext,
  loaded: LoadedTopics,
  handle: (records: readonly DeliveredRecord[]) => Promise<void>,
): Promise<RateMeter> {
  const total = eventCount(loaded.events);
  const plan = {
    namespace: loaded.namespace,
    topics: topicsOf(loaded.events),
    until: (handled: number) => handled >= total,
    timeoutMs: Math.max(120_000, total * 20),
  };
  return drainRecords(ctx, plan, handle);
}

/** The R_bare work for a run of records: parse each, then the minimal apply script per record in one pipeline. */
export function bareApply(
  link: InstrumentedStore,
  scripts: BenchScripts,
): (records: readonly DeliveredRecord[]) => Promise<void> {
  const keys = benchKeys(link.prefix);
  return async (records) => {
    const pipeline = link.redis.pipeline();
    for (const record of records) {
      const value = record.value?.toString('utf8') ?? 'null';
      JSON.parse(value);
      const entity = entityOf(record);
      const id = record.headers['ce_id'] ?? record.offset;
      pipeline.evalsha(
        scripts.touchState,
        2,
        keys.state(entity),
        keys.dedupe(entity, id),
        id,
        value,
        DEDUPE_TTL_S,
      );
    }
    const replies = await pipeline.exec();
    const failed = replies?.find(([error]) => error !== null)?.[0];
    if (failed !== undefined && failed !== null) throw failed;
  };
}

function measured(meter: RateMeter, roundTrips: number): ReferenceMeasure {
  return {
    perSecond: meter.perSecond(),
    seconds: meter.seconds,
    items: meter.count,
    roundTripsPerItem: roundTrips / Math.max(1, meter.count),
  };
}

/** R_consume: the bus's consumer draining the topics, `JSON.parse` of the value and nothing else. */
export async function referenceConsume(ctx: BenchContext, loaded: LoadedTopics): Promise<ReferenceMeasure> {
  const meter = await drainWith(ctx, loaded, (records) => {
    for (const record of records) JSON.parse(record.value?.toString('utf8') ?? 'null');
    return Promise.resolve();
  });
  return measured(meter, 0);
}

/**
 * R_bare: consume + parse + the minimal apply script per event, one pipelined round trip per run of a
 * partition's records, offsets committed per run by the same runner the engine uses.
 */
export async function referenceBare(ctx: BenchContext, loaded: LoadedTopics): Promise<ReferenceMeasure> {
  return withLink(ctx, async (link) => {
    const apply = bareApply(link, await loadBenchScripts(link.redis));
    link.roundTrips.reset();
    const meter = await drainWith(ctx, loaded, apply);
    return measured(meter, link.roundTrips.count);
  });
}

/** R_redis: the same events applied from memory with the minimal script, 500 per pipeline. */
export async function referenceRedis(ctx: BenchContext, loaded: LoadedTopics): Promise<ReferenceMeasure> {
  return withLink(ctx, async (link) => {
    const scripts = await loadBenchScripts(link.redis);
    const keys = benchKeys(link.prefix);
    const all = [...loaded.events.values()].flat();
    const meter = new RateMeter();
    link.roundTrips.reset();
    meter.start();
    for (let i = 0; i < all.length; i += 500) {
      const pipeline = link.redis.pipeline();
      for (const event of all.slice(i, i + 500)) {
        const entity = event.partitionkey ?? event.id;
        const value = JSON.stringify(event.data);
        pipeline.evalsha(
          scripts.touchState,
          2,
          keys.state(entity),
          keys.dedupe(entity, event.id),
          event.id,
          value,
          DEDUPE_TTL_S,
        );
      }
      await pipeline.exec();
      meter.mark(Math.min(500, all.length - i));
    }
    return measured(meter, link.roundTrips.count);
  });
}

/** R_fan: one Lua call per 1,000 customers writing a score and a feed entry, looped over N customers. */
export async function referenceFan(ctx: BenchContext, customers: number): Promise<ReferenceMeasure> {
  return withLink(ctx, async (link) => {
    const scripts = await loadBenchScripts(link.redis);
    const keys = benchKeys(link.prefix);
    const ids = Array.from({ length: customers }, (_, i) => customerId(i));
    const meter = new RateMeter();
    link.roundTrips.reset();
    meter.start();
    for (let i = 0; i < ids.length; i += 1_000) {
      const chunk = ids.slice(i, i + 1_000);
      const entry = JSON.stringify({ id: `fan-${i}`, score: 0.42, at: Date.now() });
      await link.redis.evalsha(
        scripts.fanTouch,
        chunk.length * 2,
        ...chunk.map((id) => keys.score(id)),
        ...chunk.map((id) => keys.feed(id)),
        '0.42',
        entry,
        1_000,
      );
      meter.mark(chunk.length);
    }
    return measured(meter, link.roundTrips.count);
  });
}
