import type { CloudEvent } from '@trustwatch/schemas';
import type { Logger } from 'pino';
import { consumerHandle } from '../consumer-handle.js';
import { encodeForTopic, recordBytes } from '../encode-records.js';
import { BusError } from '../errors.js';
import { BusMetrics, type MetricsSnapshot } from '../metrics.js';
import type {
  CommittedOffsets,
  ConsumeOptions,
  ConsumeRecordsOptions,
  ConsumerHandle,
  EventBus,
  RawRecord,
} from '../port.js';
import { batchWork, eventWork, recordBatchWork, recordWork } from '../runner/event-work.js';
import { PauseLedger } from '../runner/pause-ledger.js';
import type { RecordWork } from '../runner/process-record.js';
import { retryPolicy, type RetryPolicy } from '../runner/retry.js';
import { TopicCatalog, type EventTopic, type TopicName, type TopicOverrides } from '../topics.js';
import { MemoryGroup, type MemoryMember } from './memory-group.js';
import { MemoryTopic } from './memory-topic.js';

export interface MemoryBusOptions {
  logger: Logger;
  /** Prefix for topic names, e.g. one per tenant or test. */
  namespace?: string;
  topicOverrides?: TopicOverrides;
}

/**
 * The embedded event bus: same port and delivery semantics as Kafka (keyed partitions, consumer groups
 * with committed offsets, ordered per partition, retries, dead letters, backpressure, drain), in one
 * process and without durability. Records go through the same codec, so bad input fails the same way.
 */
export function createMemoryBus(options: MemoryBusOptions): EventBus {
  return new MemoryBus(options);
}

interface JoinOptions {
  groupId: string;
  topics: readonly TopicName[];
  work: (topic: MemoryTopic) => RecordWork<unknown>;
  policy: RetryPolicy;
  /** Whether unprocessable records go to the topic's dead-letter topic (false when reading raw records). */
  deadLetters: boolean;
  isHealthy?: () => Promise<boolean>;
  startOffsets?: ConsumeOptions['startOffsets'];
}

class MemoryBus implements EventBus {
  private readonly catalog: TopicCatalog;
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly groups = new Map<string, MemoryGroup>();
  private readonly handles = new Set<ConsumerHandle>();
  private readonly busMetrics = new BusMetrics();
  private readonly log: Logger;
  private nextMemberId = 1;
  /** Set when close() starts: no new consumers. Publishing stays open so draining consumers can dead-letter. */
  private closing = false;
  private closed = false;

  constructor(options: MemoryBusOptions) {
    this.catalog = new TopicCatalog(options.namespace, options.topicOverrides);
    this.log = options.logger.child({ module: 'bus', adapter: 'memory' });
  }

  publish(topic: EventTopic, events: readonly CloudEvent[]): Promise<void> {
    return settle(() => this.append(topic, encodeForTopic(this.catalog.spec(topic), events)));
  }

  publishRaw(topic: TopicName, records: readonly RawRecord[]): Promise<void> {
    return settle(() => this.append(topic, records));
  }

  private append(topic: TopicName, records: readonly RawRecord[]): void {
    this.assertOpen();
    // As on Kafka, an empty batch sends nothing and so cannot fail.
    if (records.length === 0) return;
    const target = this.topic(topic);
    for (const record of records) {
      const bytes = recordBytes(record);
      if (bytes > target.spec.maxMessageBytes) {
        throw new BusError(
          'RECORD_TOO_LARGE',
          `record of ${bytes} bytes exceeds ${target.spec.maxMessageBytes} on ${topic}`,
        );
      }
    }
    target.append(records);
  }

  consume(options: ConsumeOptions): Promise<ConsumerHandle> {
    return settle(() => {
      const batch = batchWork(options);
      return this.join({
        groupId: options.groupId,
        topics: options.topics,
        work: (topic) => eventWork(topic.spec, options.handle, batch),
        policy: retryPolicy(options.retry),
        deadLetters: true,
        ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
        ...(options.startOffsets === undefined ? {} : { startOffsets: options.startOffsets }),
      });
    });
  }

  consumeRecords(options: ConsumeRecordsOptions): Promise<ConsumerHandle> {
    return settle(() => {
      const work = recordWork(options.handle, recordBatchWork(options)) as RecordWork<unknown>;
      return this.join({
        groupId: options.groupId,
        topics: options.topics,
        work: () => work,
        policy: retryPolicy(options.retry),
        deadLetters: false,
      });
    });
  }

  ensureTopics(topics?: readonly EventTopic[]): Promise<void> {
    for (const spec of this.catalog.specs) {
      const wanted =
        topics === undefined || topics.some((name) => spec.name === name || spec.name === `${name}.dlq`);
      const physical = this.catalog.physical(spec.name);
      if (wanted && !this.topics.has(physical)) this.topics.set(physical, new MemoryTopic(spec, physical));
    }
    return Promise.resolve();
  }

  deleteTopics(): Promise<void> {
    for (const spec of this.catalog.specs) this.topics.delete(this.catalog.physical(spec.name));
    return Promise.resolve();
  }

  committedOffsets(groupId: string, topic: TopicName): Promise<CommittedOffsets> {
    return settle(() => this.readCommitted(groupId, topic));
  }

  private readCommitted(groupId: string, topic: TopicName): CommittedOffsets {
    const offsets = new Map<number, string>();
    const group = this.groups.get(groupId);
    const target = this.topic(topic);
    for (let partition = 0; partition < target.partitions.length; partition += 1) {
      const offset = group?.committedOffset(target.physicalName, partition);
      if (offset !== undefined) offsets.set(partition, String(offset));
    }
    return offsets;
  }

  metrics(): MetricsSnapshot {
    return this.busMetrics.snapshot();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.handles].map((handle) => handle.stop()));
    this.closed = true;
  }

  private join(options: JoinOptions): ConsumerHandle {
    if (this.closing) throw new BusError('CLOSED', 'the bus is closed');
    const { groupId, work, policy, deadLetters, isHealthy, startOffsets } = options;
    const topics = options.topics.map((name) => this.topic(name));
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = new MemoryGroup(groupId);
      this.groups.set(groupId, group);
    }
    const abort = new AbortController();
    const log = this.log.child({ groupId });
    const member: MemoryMember = {
      id: this.nextMemberId++,
      topics,
      work,
      abort,
      inFlight: 0,
      ...(isHealthy === undefined ? {} : { isHealthy }),
      ...(startOffsets === undefined
        ? {}
        : { startOffsets: (topic: MemoryTopic) => startOffsets(topic.spec.name) }),
      deps: {
        groupId,
        policy,
        log,
        metrics: this.busMetrics,
        signal: abort.signal,
        pauses: new PauseLedger(),
        ...(isHealthy === undefined ? {} : { isHealthy }),
        ...(deadLetters
          ? { deadLetter: (from, record) => settle(() => this.append(this.deadLetterOf(from), [record])) }
          : {}),
      },
    };
    const joined = group;
    joined.join(member);
    const handle = consumerHandle(
      groupId,
      () => joined.leave(member),
      () => this.handles.delete(handle),
    );
    this.handles.add(handle);
    return handle;
  }

  private deadLetterOf(from: TopicName): TopicName {
    const deadLetter = this.catalog.spec(from).deadLetter;
    if (deadLetter === undefined)
      throw new BusError('UNKNOWN_TOPIC', `topic ${from} has no dead-letter topic`);
    return deadLetter;
  }

  private topic(name: TopicName): MemoryTopic {
    const topic = this.topics.get(this.catalog.physical(name));
    if (topic === undefined) {
      throw new BusError('UNKNOWN_TOPIC', `topic ${name} does not exist; call ensureTopics() first`);
    }
    return topic;
  }

  private assertOpen(): void {
    if (this.closed) throw new BusError('CLOSED', 'the bus is closed');
  }
}

/** Turns a synchronous throw into a rejection, so callers see one failure path. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
