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
import type { ChainableCommander, Redis } from 'ioredis';
import { chunks } from '../effects.js';
import { StoreError, unavailable } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type { CustomerSnapshot } from '../port.js';

export type PipelineResult = [Error | null, unknown][];

/** One customer's stored inputs before its shared factors are bound. */
export interface RawCustomer {
  readonly customerId: string;
  readonly own: Factor[];
  readonly exposures: FactorExposure[];
  readonly summary: unknown;
  readonly revision: unknown;
}

export async function execPipeline(pipeline: ChainableCommander, operation: string): Promise<PipelineResult> {
  let results: PipelineResult;
  try {
    results = (await pipeline.exec()) ?? [];
  } catch (cause) {
    throw unavailable(operation, cause);
  }
  const failed = results.find(([err]) => err !== null);
  if (failed?.[0]) throw unavailable(operation, failed[0]);
  return results;
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

/** Reads what queueLoad queued, starting at `offset` in the pipeline's results. */
export function parseLoad(
  customerIds: readonly string[],
  results: PipelineResult,
  offset: number,
): RawCustomer[] {
  return customerIds.map((customerId, i) => ({
    customerId,
    own: strings(results[offset + 3 * i]?.[1]).map((j) => factorSchema.parse(JSON.parse(j))),
    exposures: strings(results[offset + 3 * i + 1]?.[1]).map((j) =>
      factorExposureSchema.parse(JSON.parse(j)),
    ),
    ...summaryAndRevision(results[offset + 3 * i + 2]?.[1]),
  }));
}

function summaryAndRevision(reply: unknown): { summary: unknown; revision: unknown } {
  if (!Array.isArray(reply)) throw new StoreError('CORRUPT_STATE', 'expected a list reply');
  return { summary: reply[0], revision: reply[1] };
}

/** Fetches, in one round trip, the shared factors the rows reference that `known` does not hold yet. */
export async function fetchShared(
  redis: Redis,
  keys: StoreKeys,
  rows: readonly RawCustomer[],
  known: Map<string, SharedFactor | null>,
): Promise<void> {
  const missing = [...new Set(rows.flatMap((r) => r.exposures.map((x) => x.factorId)))].filter(
    (id) => !known.has(id),
  );
  if (missing.length === 0) return;
  const pipeline = redis.pipeline();
  for (const id of missing) pipeline.hget(keys.sharedFactor(id), 'json');
  const results = await execPipeline(pipeline, 'shared factors');
  missing.forEach((id, i) => {
    const json = results[i]?.[1];
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
 */
export async function loadCustomersFromRedis(
  redis: Redis,
  keys: StoreKeys,
  chunkSize: number,
  customerIds: readonly string[],
): Promise<CustomerSnapshot[]> {
  const rows: RawCustomer[] = [];
  for (const part of chunks(customerIds, chunkSize)) {
    const pipeline = redis.pipeline();
    queueLoad(pipeline, keys, part);
    rows.push(...parseLoad(part, await execPipeline(pipeline, 'loadCustomers'), 0));
  }
  const shared = new Map<string, SharedFactor | null>();
  await fetchShared(redis, keys, rows, shared);
  return rows.map((row) => toSnapshot(row, shared));
}
