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
import { createHeldShared, type HeldShared } from './held-shared.js';
import { createParsedJsonCache, type ParsedJsonCache } from './parsed-json-cache.js';

export type PipelineResult = [Error | null, unknown][];

/**
 * One store's read caches: a parse cache per stored shape read on every event (a customer's factors
 * rarely change between its events, so its reads validate only what changed), and the shared factors
 * each customer held when last read (so its next read fetches their texts in the same round trip).
 */
export interface ParseCaches {
  readonly factor: ParsedJsonCache<Factor>;
  readonly exposure: ParsedJsonCache<FactorExposure>;
  readonly shared: ParsedJsonCache<SharedFactor>;
  readonly summary: ParsedJsonCache<ScoreSummary>;
  readonly heldShared: HeldShared;
}

/** Held shared factor ids kept per character of the parse bound: 1 Mi ids at the default 16 Mi. */
const CHARS_PER_HELD_ID = 16;

/** Caches of at most `maxChars` characters of stored JSON each (see RedisStoreOptions.parseCacheChars). */
export function createParseCaches(maxChars: number): ParseCaches {
  return {
    factor: createParsedJsonCache(factorSchema, maxChars),
    exposure: createParsedJsonCache(factorExposureSchema, maxChars),
    shared: createParsedJsonCache(sharedFactorSchema, maxChars),
    summary: createParsedJsonCache(scoreSummarySchema, maxChars),
    heldShared: createHeldShared(Math.floor(maxChars / CHARS_PER_HELD_ID)),
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

/** One load of some customers: their ids, and the shared factors whose texts ride along (see HeldShared). */
export interface LoadRequest {
  readonly customerIds: readonly string[];
  readonly hinted: readonly string[];
}

/** A load of `customerIds` with the texts they held last time that `known` does not hold yet. */
export function loadRequest(
  customerIds: readonly string[],
  known: ReadonlyMap<string, unknown>,
  caches: ParseCaches,
): LoadRequest {
  return { customerIds, hinted: caches.heldShared.idsOf(customerIds).filter((id) => !known.has(id)) };
}

/**
 * Queues the reads of some customers' inputs, three commands per customer (summary with revision), then
 * one per hinted shared factor: `3 * customerIds.length + hinted.length` replies.
 */
export function queueLoad(pipeline: ChainableCommander, keys: StoreKeys, load: LoadRequest): void {
  for (const id of load.customerIds) {
    const k = keys.customer(id);
    pipeline.hvals(k.factors).hvals(k.shared).hmget(k.summary, 'json', 'rev');
  }
  for (const id of load.hinted) pipeline.hget(keys.sharedFactor(id), 'json');
}

/**
 * Reads what queueLoad queued, starting at `offset` in the replies: the hinted texts go into `known`
 * (null when the factor is gone), and each customer's bindings become its next hint.
 */
export function parseLoad(
  load: LoadRequest,
  replies: readonly unknown[],
  offset: number,
  caches: ParseCaches,
  known: Map<string, SharedFactor | null>,
): RawCustomer[] {
  const rows = load.customerIds.map((customerId, i) => ({
    customerId,
    own: caches.factor.parseAll(customerId, strings(replies[offset + 3 * i])),
    exposures: caches.exposure.parseAll(customerId, strings(replies[offset + 3 * i + 1])),
    ...summaryAndRevision(replies[offset + 3 * i + 2]),
  }));
  const textsAt = offset + 3 * load.customerIds.length;
  load.hinted.forEach((id, i) => {
    const json = replies[textsAt + i];
    known.set(id, typeof json === 'string' ? caches.shared.parse(id, json) : null);
  });
  for (const row of rows) {
    caches.heldShared.remember(
      row.customerId,
      row.exposures.map((x) => x.factorId),
    );
  }
  return rows;
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
    known.set(id, typeof json === 'string' ? caches.shared.parse(id, json) : null);
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
    summary: typeof row.summary === 'string' ? caches.summary.parse(row.customerId, row.summary) : null,
    revision: typeof row.revision === 'string' ? Number(row.revision) : 0,
  };
}

/**
 * Scoring inputs of many customers: one pipeline per chunk reading own factors, exposures, summary and
 * the shared factors they held last time, then, only for bindings made since, one reading each of those
 * shared factors once (a news item is one shared factor for thousands). Both go through the coalescer,
 * so concurrent calls (a batch's `getFactors`) share their round trips.
 */
export async function loadCustomersFromRedis(
  batch: Coalescer,
  keys: StoreKeys,
  chunkSize: number,
  customerIds: readonly string[],
  caches: ParseCaches,
): Promise<CustomerSnapshot[]> {
  const rows: RawCustomer[] = [];
  const shared = new Map<string, SharedFactor | null>();
  for (const part of chunks(customerIds, chunkSize)) {
    const load = loadRequest(part, shared, caches);
    const replies = await batch.send('loadCustomers', (pipeline) => {
      queueLoad(pipeline, keys, load);
    });
    rows.push(...parseLoad(load, replies, 0, caches, shared));
  }
  await fetchShared(batch, keys, rows, shared, caches);
  return rows.map((row) => toSnapshot(row, shared, caches));
}
