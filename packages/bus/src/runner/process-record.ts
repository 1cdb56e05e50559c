import { isRetriable } from '@trustwatch/schemas';
import type { Logger } from 'pino';
import { BusError } from '../errors.js';
import type { BusMetrics } from '../metrics.js';
import type { DeliveredRecord, HandlerContext, HandlerOutcome, RawRecord } from '../port.js';
import type { TopicName } from '../topics.js';
import { deadLetterRecord } from './dead-letter.js';
import type { PauseLedger } from './pause-ledger.js';
import { backoffDelay, sleep, type RetryPolicy } from './retry.js';

/** What the adapter does next with the partition: move past the record, or pause and redeliver it. */
export type RecordVerdict = { kind: 'commit' } | { kind: 'backpressure'; error: unknown };

/** The work for one record: `prepare` decodes (a throw there is never retried), `run` handles. */
export interface RecordWork<Prepared> {
  prepare(record: DeliveredRecord): Prepared;
  eventId(prepared: Prepared): string | undefined;
  run(prepared: Prepared, context: HandlerContext): Promise<HandlerOutcome>;
  /** The optional fast path: runs of consecutive prepared records handled as one unit (see `processBatch`). */
  batch?: BatchWork<Prepared>;
}

/** One prepared record of a run, as the batch handler sees it. */
export interface RunItem<Prepared> {
  readonly event: Prepared;
  readonly context: HandlerContext;
}

/** Handles runs of at most `maxSize` prepared records of one partition; a throw means "not done as a run". */
export interface BatchWork<Prepared> {
  readonly maxSize: number;
  run(items: readonly RunItem<Prepared>[]): Promise<void>;
}

export interface RunnerDeps {
  groupId: string;
  policy: RetryPolicy;
  log: Logger;
  metrics: BusMetrics;
  /** Aborted when the consumer stops: pending retry waits end and the record is left uncommitted. */
  signal: AbortSignal;
  /** Publishes to the dead-letter topic of `from`; absent when records are not dead-lettered. */
  deadLetter?: (from: TopicName, record: RawRecord) => Promise<void>;
  /** Called periodically while a handler runs, so a long handler does not cost the group membership. */
  keepAlive?: { beat: () => Promise<void>; intervalMs: number };
  /** Pause cycles per stuck record; without it a record that keeps failing pauses its partition forever. */
  pauses?: PauseLedger;
  /** Whether the handler's dependencies are up; absent means healthy. Only healthy time counts towards `maxPauses`. */
  isHealthy?: () => Promise<boolean>;
  now?: () => Date;
}

/**
 * The delivery logic both adapters share: decode -> handle -> classify -> retry with backoff -> dead-letter
 * or backpressure. Resolves only when the adapter may act on the verdict; never throws.
 */
export async function processRecord<Prepared>(
  record: DeliveredRecord,
  work: RecordWork<Prepared>,
  deps: RunnerDeps,
): Promise<RecordVerdict> {
  deps.metrics.increment('consumed');
  let prepared: Prepared;
  try {
    prepared = work.prepare(record);
  } catch (error) {
    return rejectRecord(record, error, deps);
  }
  return processPrepared(record, prepared, work, deps);
}

/** A record `prepare` refused: dead-lettered at once with the decoding error as its reason. */
export async function rejectRecord(
  record: DeliveredRecord,
  error: unknown,
  deps: RunnerDeps,
): Promise<RecordVerdict> {
  const now = deps.now ?? (() => new Date());
  const position = { topic: record.topic, partition: record.partition, offset: record.offset };
  return settled(record, await deadLetter(record, error, 1, now(), deps, deps.log.child(position)), deps);
}

/** The handling half of `processRecord`, for a record already prepared (and counted as consumed). */
export async function processPrepared<Prepared>(
  record: DeliveredRecord,
  prepared: Prepared,
  work: RecordWork<Prepared>,
  deps: RunnerDeps,
): Promise<RecordVerdict> {
  return settled(record, await handlePrepared(record, prepared, work, deps), deps);
}

function settled(record: DeliveredRecord, verdict: RecordVerdict, deps: RunnerDeps): RecordVerdict {
  if (verdict.kind === 'commit') deps.pauses?.clear(record.topic, record.partition);
  return verdict;
}

async function handlePrepared<Prepared>(
  record: DeliveredRecord,
  prepared: Prepared,
  work: RecordWork<Prepared>,
  deps: RunnerDeps,
): Promise<RecordVerdict> {
  const now = deps.now ?? (() => new Date());
  const position = { topic: record.topic, partition: record.partition, offset: record.offset };
  const eventId = work.eventId(prepared);
  const log = deps.log.child(eventId === undefined ? position : { ...position, eventId });
  let firstFailureAt: Date | undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const outcome = await withKeepAlive(deps, log, () => work.run(prepared, { ...position, attempt, log }));
      deps.metrics.increment(outcome.status === 'done' ? 'processed' : 'skipped');
      if (outcome.status === 'skipped') log.debug({ reason: outcome.reason }, 'event skipped');
      return { kind: 'commit' };
    } catch (error) {
      firstFailureAt ??= now();
      if (!isRetriable(error)) return deadLetter(record, error, attempt, firstFailureAt, deps, log);
      if (deps.signal.aborted) return { kind: 'backpressure', error };
      if (attempt >= deps.policy.maxAttempts)
        return exhausted(record, error, attempt, firstFailureAt, deps, log);
      deps.metrics.increment('retried');
      log.info({ err: error, attempt }, 'retriable failure; retrying');
      if (!(await sleep(backoffDelay(attempt, deps.policy), deps.signal)))
        return { kind: 'backpressure', error };
    }
  }
}

/**
 * Retries are used up: pause the partition, unless this record already caused `maxPauses` pauses and the
 * dependencies are healthy, which makes it a poison record rather than an outage.
 */
async function exhausted(
  record: DeliveredRecord,
  error: unknown,
  attempts: number,
  failedAt: Date,
  deps: RunnerDeps,
  log: Logger,
): Promise<RecordVerdict> {
  const stuck = deps.pauses?.entry(record.topic, record.partition, record.offset, failedAt);
  if (stuck === undefined) {
    log.warn({ err: error, attempts }, 'retries used up; partition paused');
    return { kind: 'backpressure', error };
  }
  stuck.attempts += attempts;
  if (stuck.pauses >= deps.policy.maxPauses && (await healthy(deps))) {
    const poison = new BusError(
      'RETRIES_EXHAUSTED',
      `failed ${stuck.attempts} times over ${stuck.pauses} pauses while healthy: ${describe(error)}`,
      error,
    );
    return deadLetter(record, poison, stuck.attempts, stuck.firstFailureAt, deps, log);
  }
  stuck.pauses += 1;
  log.warn(
    { err: error, attempts: stuck.attempts, pauses: stuck.pauses },
    'retries used up; partition paused',
  );
  return { kind: 'backpressure', error };
}

async function healthy(deps: RunnerDeps): Promise<boolean> {
  if (deps.isHealthy === undefined) return true;
  // A health check that fails is no proof of health: keep pausing rather than dead-letter.
  return deps.isHealthy().catch(() => false);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function deadLetter(
  record: DeliveredRecord,
  error: unknown,
  attempts: number,
  firstFailureAt: Date,
  deps: RunnerDeps,
  log: Logger,
): Promise<RecordVerdict> {
  if (deps.deadLetter === undefined) {
    log.error({ err: error }, 'unprocessable record on a topic without dead-letter topic; skipped');
    return { kind: 'commit' };
  }
  try {
    await deps.deadLetter(
      record.topic,
      deadLetterRecord(record, { error, attempts, firstFailureAt, groupId: deps.groupId }),
    );
  } catch (publishError) {
    // Without a dead-letter copy the record must not be committed past: treat as an outage.
    log.warn({ err: publishError }, 'dead-letter publish failed; partition paused');
    return { kind: 'backpressure', error: publishError };
  }
  deps.metrics.increment('deadLettered');
  log.warn({ err: error, attempts }, 'record dead-lettered');
  return { kind: 'commit' };
}

/** Runs `run`, heartbeating every `keepAlive.intervalMs` meanwhile so the group keeps the member. */
export async function withKeepAlive<T>(deps: RunnerDeps, log: Logger, run: () => Promise<T>): Promise<T> {
  const keepAlive = deps.keepAlive;
  if (keepAlive === undefined) return run();
  const timer = setInterval(() => {
    // A consumer being replaced must let its membership lapse, even if this handler never returns.
    if (deps.signal.aborted) return;
    keepAlive.beat().catch((error: unknown) => log.debug({ err: error }, 'heartbeat during handler failed'));
  }, keepAlive.intervalMs);
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}
