import {
  bindSharedFactor,
  factorExposureSchema,
  factorSchema,
  scoreSummarySchema,
  sharedFactorSchema,
  type Factor,
  type FactorExposure,
  type ScoreSummary,
  type SharedFactor,
} from '@trustwatch/schemas';
import type { ChainableCommander } from 'ioredis';
import { chunks } from '../effects.js';
import { StoreError } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type { CustomerSnapshot } from '../port.js';
import type { Coalescer } from './coalescer.js';
import { createParsedJsonCache, type ParsedJsonCache } from './parsed-json-cache.js';

export type PipelineResult = [Error | null, unknown][];

/**
 * One store's parse caches, one per stored shape read on every event: a customer's factors rarely
 * change between its events, so its reads validate only what changed.
 */
export interface ParseCaches {
  readonly factor: ParsedJsonCache<Factor>;
  readonly exposure: ParsedJsonCache<FactorExposure>;
  readonly shared: ParsedJsonCache<SharedFactor>;
  readonly summary: ParsedJsonCache<ScoreSummary>;
}

/** Caches of at most `maxChars` characters of stored JSON each (see RedisStoreOptions.parseCacheChars). */
export function createParseCaches(maxChars: number): ParseCaches {
  return {
    factor: createParsedJsonCache(factorSchema, maxChars),
    exposure: createParsedJsonCache(factorExposureSchema, maxChars),
    shared: createParsedJsonCache(sharedFactorSchema, maxChars),
    summary: createParsedJsonCache(scoreSummarySchema, maxChars),
  };
}

/** One customer's stored inputs before its shared factors are bound. */
export interface RawCustomer {
  readonly customerId: string;
  readonly own: readonly Factor[];
  readonly exposures: readonly FactorExposure[];
  readonly summary: unknown;
  readonly revision: unknown;
}

function strings(reply: unknown): string[] {
  if (!Array.isArray(reply)) throw new StoreError('CORRUPT_STATE', 'expected a list reply');
  return reply.map(String);
}

/** Queues the reads of some customers' inputs: three commands per customer (summary with revision). */
export function queueLoad(
  pipeline: ChainableCommander,
  keys: StoreKeys,
  customerIds: readonly string[],
): void {
  for (const id of customerIds) {
    const k = keys.customer(id);
    pipeline.hvals(k.factors).hvals(k.shared).hmget(k.summary, 'json', 'rev');
  }
}

/** Reads what queueLoad queued, starting at `offset` in the replies. */
export function parseLoad(
  customerIds: readonly string[],
  replies: readonly unknown[],
  offset: number,
  caches: ParseCaches,
): RawCustomer[] {
  return customerIds.map((customerId, i) => ({
    customerId,
    own: strings(replies[offset + 3 * i]).map((j) => caches.factor.parse(j)),
    exposures: strings(replies[offset + 3 * i + 1]).map((j) => caches.exposure.parse(j)),
    ...summaryAndRevision(replies[offset + 3 * i + 2]),
  }));
}

function summaryAndRevision(reply: unknown): { summary: unknown; revision: unknown } {
  if (!Array.isArray(reply)) throw new StoreError('CORRUPT_STATE', 'expected a list reply');
  return { summary: reply[0], revision: reply[1] };
}

/**
 * Fetches the shared factors the rows reference that `known` does not hold yet: one round trip, shared
 * with whatever else the store reads in the same tick.
 */
export async function fetchShared(
  batch: Coalescer,
  keys: StoreKeys,
  rows: readonly RawCustomer[],
  known: Map<string, SharedFactor | null>,
  caches: ParseCaches,
): Promise<void> {
  const missing = [...new Set(rows.flatMap((r) => r.exposures.map((x) => x.factorId)))].filter(
    (id) => !known.has(id),
  );
  if (missing.length === 0) return;
  const replies = await batch.send('shared factors', (pipeline) => {
    for (const id of missing) pipeline.hget(keys.sharedFactor(id), 'json');
  });
  missing.forEach((id, i) => {
    const json = replies[i];
    known.set(id, typeof json === 'string' ? caches.shared.parse(json) : null);
  });
}

/**
 * Binds each row's shared factors to its exposure. Every factor and the summary are frozen, as the
 * memory adapter's are: the parsed ones are shared with later reads through the caches.
 */
export function toSnapshot(
  row: RawCustomer,
  shared: ReadonlyMap<string, SharedFactor | null>,
  caches: ParseCaches,
): CustomerSnapshot {
  const bound = row.exposures.flatMap((x) => {
    const factor = shared.get(x.factorId);
    return factor === undefined || factor === null ? [] : [Object.freeze(bindSharedFactor(factor, x))];
  });
  return {
    customerId: row.customerId,
    factors: [...row.own, ...bound].sort((a, b) => (a.id < b.id ? -1 : 1)),
    summary: typeof row.summary === 'string' ? caches.summary.parse(row.summary) : null,
    revision: typeof row.revision === 'string' ? Number(row.revision) : 0,
  };
}

/**
 * Scoring inputs of many customers: one pipeline per chunk reading own factors, exposures and summary,
 * then one reading each referenced shared factor once (a news item is one shared factor for thousands).
 * Both go through the coalescer, so concurrent calls (a batch's `getFactors`) share their round trips.
 */
export async function loadCustomersFromRedis(
  batch: Coalescer,
  keys: StoreKeys,
  chunkSize: number,
  customerIds: readonly string[],
  caches: ParseCaches,
): Promise<CustomerSnapshot[]> {
  const rows: RawCustomer[] = [];
  for (const part of chunks(customerIds, chunkSize)) {
    const replies = await batch.send('loadCustomers', (pipeline) => {
      queueLoad(pipeline, keys, part);
    });
    rows.push(...parseLoad(part, replies, 0, caches));
  }
  const shared = new Map<string, SharedFactor | null>();
  await fetchShared(batch, keys, rows, shared, caches);
  return rows.map((row) => toSnapshot(row, shared, caches));
}
