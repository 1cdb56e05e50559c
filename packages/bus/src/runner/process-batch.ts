import { isRetriable } from '@trustwatch/schemas';
import type { Logger } from 'pino';
import type { DeliveredRecord, HandlerContext } from '../port.js';
import { splitRuns } from './batch-runs.js';
import {
  processPrepared,
  processRecord,
  rejectRecord,
  withKeepAlive,
  type BatchWork,
  type RecordWork,
  type RunItem,
  type RunnerDeps,
} from './process-record.js';

/** How the adapter that fetched a batch lets the runner move through it. */
export interface BatchCursor {
  /** Whether to go on with the next record or run: false once the consumer stops or the batch went stale. */
  active(): boolean;
  /**
   * The `count` records ending at `lastOffset` are done (handled, skipped or dead-lettered): resolve and
   * commit up to it, report progress, heartbeat. Called once per run, in offset order.
   */
  advance(lastOffset: string, count: number): Promise<void>;
}

/** Where the batch loop ended: at the end (or at a stop), or at a record the partition must pause on. */
export type BatchVerdict = { kind: 'done' } | { kind: 'backpressure'; error: unknown };

const DONE: BatchVerdict = { kind: 'done' };

/** Marks a record `prepare` refused; valid records are kept as their prepared value, unwrapped. */
class Invalid {
  constructor(readonly error: unknown) {}
}

/**
 * The at-least-once loop over one fetched batch of one partition, shared by both adapters. Without a batch
 * handler every record goes through `processRecord`, one at a time. With one, each record is prepared in
 * order, invalid ones are dead-lettered at their position, and each run of valid ones goes to the batch
 * handler once; a run that throws is handled again record by record through the single-record path (retry,
 * dead-letter, backpressure). Offsets move once per run and never past a record that is not done.
 */
export async function processBatch<Prepared>(
  records: readonly DeliveredRecord[],
  work: RecordWork<Prepared>,
  deps: RunnerDeps,
  cursor: BatchCursor,
): Promise<BatchVerdict> {
  const batch = work.batch;
  if (batch === undefined) return oneByOne(records, work, deps, cursor);
  const fetched: Fetched<Prepared> = {
    records,
    prepared: records.map((record) => prepareOrMark(record, work)),
  };
  for (const segment of splitRuns(fetched.prepared, isPrepared, batch.maxSize)) {
    if (!cursor.active()) return DONE;
    const verdict =
      segment.kind === 'invalid'
        ? await rejectAt(fetched, segment.at, deps, cursor)
        : await processRun(fetched, segment.from, segment.to, work, batch, deps, cursor);
    if (verdict.kind === 'backpressure') return verdict;
  }
  return DONE;
}

/** A fetched batch with, index for index, each record's prepared value or why it could not be prepared. */
interface Fetched<Prepared> {
  readonly records: readonly DeliveredRecord[];
  readonly prepared: readonly (Prepared | Invalid)[];
}

const isPrepared = (item: unknown): boolean => !(item instanceof Invalid);

async function oneByOne<Prepared>(
  records: readonly DeliveredRecord[],
  work: RecordWork<Prepared>,
  deps: RunnerDeps,
  cursor: BatchCursor,
): Promise<BatchVerdict> {
  for (const record of records) {
    if (!cursor.active()) return DONE;
    const verdict = await processRecord(record, work, deps);
    if (verdict.kind === 'backpressure') return verdict;
    await cursor.advance(record.offset, 1);
  }
  return DONE;
}

function prepareOrMark<Prepared>(record: DeliveredRecord, work: RecordWork<Prepared>): Prepared | Invalid {
  try {
    return work.prepare(record);
  } catch (error) {
    return new Invalid(error);
  }
}

/** Dead-letters the record at `at` exactly as the single-record path does, at its position. */
async function rejectAt<Prepared>(
  fetched: Fetched<Prepared>,
  at: number,
  deps: RunnerDeps,
  cursor: BatchCursor,
): Promise<BatchVerdict> {
  const record = fetched.records[at] as DeliveredRecord;
  deps.metrics.increment('consumed');
  const verdict = await rejectRecord(record, (fetched.prepared[at] as Invalid).error, deps);
  if (verdict.kind === 'commit') await cursor.advance(record.offset, 1);
  return verdict.kind === 'commit' ? DONE : verdict;
}

/** Records `from` (inclusive) to `to` (exclusive), all prepared, to the batch handler as one unit. */
async function processRun<Prepared>(
  fetched: Fetched<Prepared>,
  from: number,
  to: number,
  work: RecordWork<Prepared>,
  batch: BatchWork<Prepared>,
  deps: RunnerDeps,
  cursor: BatchCursor,
): Promise<BatchVerdict> {
  const { records, prepared } = fetched;
  const first = records[from] as DeliveredRecord;
  const size = to - from;
  deps.metrics.increment('consumed', size);
  try {
    const items: RunItem<Prepared>[] = [];
    for (let i = from; i < to; i += 1)
      items.push(runItem(records[i] as DeliveredRecord, prepared[i] as Prepared, work, deps.log));
    await withKeepAlive(deps, deps.log, () => batch.run(items));
  } catch (error) {
    const fields = { err: error, topic: first.topic, partition: first.partition, from: first.offset, size };
    deps.log[isRetriable(error) ? 'info' : 'warn'](
      fields,
      'batch not done; handling its records one at a time',
    );
    return fallBack(fetched, from, to, work, deps, cursor);
  }
  deps.metrics.increment('processed', size);
  deps.pauses?.clear(first.topic, first.partition);
  await cursor.advance((records[to - 1] as DeliveredRecord).offset, size);
  return DONE;
}

/** The run as single records: the batch attempt counts as nothing, so each record starts at attempt 1. */
async function fallBack<Prepared>(
  fetched: Fetched<Prepared>,
  from: number,
  to: number,
  work: RecordWork<Prepared>,
  deps: RunnerDeps,
  cursor: BatchCursor,
): Promise<BatchVerdict> {
  for (let i = from; i < to; i += 1) {
    // Stopped: what is left of the run stays uncommitted and is redelivered to the next owner.
    if (!cursor.active()) return DONE;
    const record = fetched.records[i] as DeliveredRecord;
    const verdict = await processPrepared(record, fetched.prepared[i] as Prepared, work, deps);
    if (verdict.kind === 'backpressure') return verdict;
    await cursor.advance(record.offset, 1);
  }
  return DONE;
}

/**
 * A run item whose child logger is only made when the handler reads `log`: a child per record is the
 * costliest part of an item, and most batch handlers log per run, not per event. An own getter (not one on a
 * prototype) so that spreading the context keeps `log`.
 */
function runItem<Prepared>(
  record: DeliveredRecord,
  event: Prepared,
  work: RecordWork<Prepared>,
  parent: Logger,
): RunItem<Prepared> {
  let log: Logger | undefined;
  const context: HandlerContext = {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    attempt: 1,
    get log(): Logger {
      if (log === undefined) {
        const eventId = work.eventId(event);
        const position = { topic: record.topic, partition: record.partition, offset: record.offset };
        log = parent.child(eventId === undefined ? position : { ...position, eventId });
      }
      return log;
    },
  };
  return { event, context };
}
