import type { CloudEvent, TrustwatchEvent } from '@trustwatch/schemas';
import type { Logger } from 'pino';
import type { MetricsSnapshot } from './metrics.js';
import type { RetryPolicy } from './runner/retry.js';
import type { EventTopic, TopicName } from './topics.js';

/** What a handler reports back. A thrown error means "not done"; see {@link EventHandler}. */
export type HandlerOutcome = { status: 'done' } | { status: 'skipped'; reason: string };

/** Where an event came from, plus a child logger already bound to it. */
export interface HandlerContext {
  readonly topic: TopicName;
  readonly partition: number;
  /** Kafka offsets are 64-bit: kept as a decimal string. */
  readonly offset: string;
  /** 1 on first delivery, then counts retries of this delivery. */
  readonly attempt: number;
  readonly log: Logger;
}

/**
 * Processes one decoded, schema-validated event. To fail, throw: errors whose `retriable` is false
 * (see `isRetriable` in @trustwatch/schemas) dead-letter the event; anything else is retried.
 */
export type EventHandler = (event: TrustwatchEvent, context: HandlerContext) => Promise<HandlerOutcome>;

/** A decoded, schema-validated event of a fetched batch, with where it came from. */
export interface BatchItem {
  readonly event: TrustwatchEvent;
  readonly context: HandlerContext;
}

/**
 * Handles a run of consecutive valid events of ONE partition, in offset order, as one unit. Resolve when every
 * item is done (their offsets are then resolved together). Throwing anything means "not done as a batch": the
 * adapter then hands the same records, one at a time, to `handle` (with its usual retry, dead-letter and
 * backpressure), so a poison event in the run is isolated and an outage pauses the partition as before. The
 * handler must therefore be idempotent per event (handling a prefix twice is fine).
 */
export type BatchHandler = (items: readonly BatchItem[]) => Promise<void>;

/** A record as it sits on a topic, before any decoding. Header values are UTF-8 text. */
export interface RawRecord {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A record read back with its position, e.g. from a dead-letter topic. */
export interface DeliveredRecord extends RawRecord {
  topic: TopicName;
  partition: number;
  offset: string;
}

export interface ConsumeOptions {
  groupId: string;
  topics: readonly EventTopic[];
  handle: EventHandler;
  /** Optional fast path: runs of valid events of a partition, at most `maxBatchSize` (default 500) at a time. */
  handleBatch?: BatchHandler;
  maxBatchSize?: number;
  /**
   * How many partitions' records the handlers may be given at once (default 1), for a consumer whose
   * handlers are safe to run side by side; a partition's records still come one run after the other, in
   * order. Kafka: kafkajs `partitionsConsumedConcurrently`. The memory adapter already gives every
   * partition a worker of its own.
   */
  concurrentPartitions?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Asked before a paused partition resumes; while it says false the partition stays paused. Also decides
   * whether a record that keeps failing is an outage (keep pausing) or poison (dead-lettered after
   * `retry.maxPauses`).
   */
  isHealthy?: () => Promise<boolean>;
  /**
   * Where the handler's own state says to resume, for after that state lost writes (a Redis crash): per
   * partition, the next offset to process, the shape of the store's `resumeOffsets(topic)`. On every
   * assignment, each assigned partition whose value is below the group's committed offset is rewound to
   * it, so the lost tail is handled again; higher values and absent partitions are left alone.
   */
  startOffsets?: (topic: TopicName) => Promise<ReadonlyMap<number, string>>;
}

export interface ConsumeRecordsOptions {
  groupId: string;
  topics: readonly TopicName[];
  /** Receives raw records (no decoding, no dead-lettering); a throw is retried like a retriable error. */
  handle: (record: DeliveredRecord) => Promise<void>;
  /**
   * Optional fast path, as `ConsumeOptions.handleBatch`: runs of a partition's records in offset order, at
   * most `maxBatchSize` (default 500); a throw hands the run to `handle`, record by record.
   */
  handleBatch?: (records: readonly DeliveredRecord[]) => Promise<void>;
  maxBatchSize?: number;
  retry?: Partial<RetryPolicy>;
}

/** A running consumer. */
export interface ConsumerHandle {
  readonly groupId: string;
  /**
   * Drains: stops fetching, lets in-flight handlers finish, commits what finished, leaves the group.
   * Rejects with a retriable `BusError('SHUTDOWN_TIMEOUT')` if that takes longer than `deadlineMs`.
   */
  stop(deadlineMs?: number): Promise<void>;
}

/** Next offset to read, per partition, for a consumer group on one topic (absent: nothing committed). */
export type CommittedOffsets = ReadonlyMap<number, string>;

/**
 * The event bus port. Topics are logical catalog names; adapters add the namespace. Delivery is
 * at-least-once and ordered per partition key.
 */
export interface EventBus {
  /** Publishes in one batch; resolves once every record is acknowledged. */
  publish(topic: EventTopic, events: readonly CloudEvent[]): Promise<void>;
  /** Publishes records as given, bypassing the codec: for replay tools and bad-input tests. */
  publishRaw(topic: TopicName, records: readonly RawRecord[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<ConsumerHandle>;
  consumeRecords(options: ConsumeRecordsOptions): Promise<ConsumerHandle>;
  /** Creates every catalog topic (or the given ones and their dead-letter topics) that is missing. */
  ensureTopics(topics?: readonly EventTopic[]): Promise<void>;
  /** Deletes this namespace's catalog topics: for tests and throwaway environments; works after `close()`. */
  deleteTopics(): Promise<void>;
  committedOffsets(groupId: string, topic: TopicName): Promise<CommittedOffsets>;
  metrics(): MetricsSnapshot;
  /** Stops every consumer (draining) and disconnects. */
  close(): Promise<void>;
}
