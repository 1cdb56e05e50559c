import {
  bindSharedFactor,
  factorExposureSchema,
  factorSchema,
  scoreSummarySchema,
  sharedFactorSchema,
  type Factor,
  type FactorExposure,
  type SharedFactor,
} from '@trustwatch/schemas';
import type { ChainableCommander } from 'ioredis';
import { chunks } from '../effects.js';
import { StoreError } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type { CustomerSnapshot } from '../port.js';
import type { Coalescer } from './coalescer.js';

export type PipelineResult = [Error | null, unknown][];

/** One customer's stored inputs before its shared factors are bound. */
export interface RawCustomer {
  readonly customerId: string;
  readonly own: Factor[];
  readonly exposures: FactorExposure[];
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
): RawCustomer[] {
  return customerIds.map((customerId, i) => ({
    customerId,
    own: strings(replies[offset + 3 * i]).map((j) => factorSchema.parse(JSON.parse(j))),
    exposures: strings(replies[offset + 3 * i + 1]).map((j) => factorExposureSchema.parse(JSON.parse(j))),
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
    known.set(id, typeof json === 'string' ? sharedFactorSchema.parse(JSON.parse(json)) : null);
  });
}

/** Binds each row's shared factors to its exposure. */
export function toSnapshot(
  row: RawCustomer,
  shared: ReadonlyMap<string, SharedFactor | null>,
): CustomerSnapshot {
  const bound = row.exposures.flatMap((x) => {
    const factor = shared.get(x.factorId);
    return factor === undefined || factor === null ? [] : [bindSharedFactor(factor, x)];
  });
  return {
    customerId: row.customerId,
    factors: [...row.own, ...bound].sort((a, b) => (a.id < b.id ? -1 : 1)),
    summary: typeof row.summary === 'string' ? scoreSummarySchema.parse(JSON.parse(row.summary)) : null,
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
): Promise<CustomerSnapshot[]> {
  const rows: RawCustomer[] = [];
  for (const part of chunks(customerIds, chunkSize)) {
    const replies = await batch.send('loadCustomers', (pipeline) => {
      queueLoad(pipeline, keys, part);
    });
    rows.push(...parseLoad(part, replies, 0));
  }
  const shared = new Map<string, SharedFactor | null>();
  await fetchShared(batch, keys, rows, shared);
  return rows.map((row) => toSnapshot(row, shared));
}
