import type { CloudEvent } from '@trustwatch/schemas';
import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
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
import type { RecordWork } from '../runner/process-record.js';
import { retryPolicy } from '../runner/retry.js';
import { TopicCatalog, type EventTopic, type TopicName } from '../topics.js';
import { compressionFor } from './compression.js';
import { ProducerSlot } from './producer-slot.js';
import { provisionTopics } from './provision.js';
import { consumerTuning, type KafkaBusOptions, type KafkaConsumerTuning } from './kafka-options.js';
import { kafkaLogLevel, pinoLogCreator } from './log-bridge.js';
import { ManagedConsumer, type ManagedConsumerOptions } from './managed-consumer.js';

/** The Kafka event bus (kafkajs). See the package README for delivery guarantees and settings. */
export function createKafkaBus(options: KafkaBusOptions): EventBus {
  return new KafkaBus(options);
}

class KafkaBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly catalog: TopicCatalog;
  private readonly log: Logger;
  private readonly tuning: KafkaConsumerTuning;
  private readonly busMetrics = new BusMetrics();
  private readonly handles = new Set<ConsumerHandle>();
  private readonly producers: ProducerSlot<Producer>;
  private admin: Promise<Admin> | undefined;
  /** Set when close() starts: no new consumers. Publishing stays open so draining consumers can dead-letter. */
  private closing = false;
  private closed = false;

  constructor(private readonly options: KafkaBusOptions) {
    this.catalog = new TopicCatalog(options.namespace, options.topicOverrides);
    this.log = options.logger.child({ module: 'bus', adapter: 'kafka' });
    this.tuning = consumerTuning(options.consumer);
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
      ...(options.sasl === undefined ? {} : { sasl: options.sasl }),
      logLevel: kafkaLogLevel(this.log),
      logCreator: pinoLogCreator(this.log),
    });
    this.producers = new ProducerSlot(
      () => this.newProducer(),
      (error) => this.log.warn({ err: error }, 'the broker refused the producer; a new one takes over'),
    );
  }

  async publish(topic: EventTopic, events: readonly CloudEvent[]): Promise<void> {
    await this.send(topic, encodeForTopic(this.catalog.spec(topic), events));
  }

  async publishRaw(topic: TopicName, records: readonly RawRecord[]): Promise<void> {
    await this.send(topic, records);
  }

  private async send(topic: TopicName, records: readonly RawRecord[]): Promise<void> {
    if (this.closed) throw new BusError('CLOSED', 'the bus is closed');
    const spec = this.catalog.spec(topic);
    const sizes = records.map(recordBytes);
    for (const bytes of sizes) {
      if (bytes > spec.maxMessageBytes) {
        throw new BusError(
          'RECORD_TOO_LARGE',
          `record of ${bytes} bytes exceeds ${spec.maxMessageBytes} on ${topic}`,
        );
      }
    }
    if (records.length === 0) return;
    const producer = await this.producers.get().catch((error: unknown) => {
      throw new BusError('ADMIN_FAILED', 'could not connect to Kafka', error);
    });
    try {
      await producer.send({
        topic: this.catalog.physical(topic),
        acks: -1,
        compression: compressionFor(sizes, spec.maxMessageBytes),
        messages: records.map((record) => ({
          key: record.key,
          value: record.value,
          headers: record.headers,
        })),
      });
    } catch (error) {
      this.producers.failed(producer, error);
      const tooLarge = (error as { type?: unknown }).type === 'MESSAGE_TOO_LARGE';
      throw new BusError(
        tooLarge ? 'RECORD_TOO_LARGE' : 'PUBLISH_FAILED',
        `publish to ${topic} failed`,
        error,
      );
    }
  }

  async consume(options: ConsumeOptions): Promise<ConsumerHandle> {
    const batch = batchWork(options);
    return this.startConsumer({
      groupId: options.groupId,
      topics: options.topics,
      work: (spec) => eventWork(spec, options.handle, batch),
      policy: retryPolicy(options.retry),
      deadLetter: (from, record) => this.publishRaw(this.deadLetterOf(from), [record]),
      ...(options.concurrentPartitions === undefined
        ? {}
        : { concurrentPartitions: options.concurrentPartitions }),
      ...(options.isHealthy === undefined ? {} : { isHealthy: options.isHealthy }),
      ...(options.startOffsets === undefined ? {} : { startOffsets: options.startOffsets }),
    });
  }

  async consumeRecords(options: ConsumeRecordsOptions): Promise<ConsumerHandle> {
    const work = recordWork(options.handle, recordBatchWork(options)) as RecordWork<unknown>;
    return this.startConsumer({
      groupId: options.groupId,
      topics: options.topics,
      work: () => work,
      policy: retryPolicy(options.retry),
    });
  }

  private async startConsumer(
    options: Pick<
      ManagedConsumerOptions,
      | 'groupId'
      | 'topics'
      | 'work'
      | 'policy'
      | 'concurrentPartitions'
      | 'deadLetter'
      | 'isHealthy'
      | 'startOffsets'
    >,
  ): Promise<ConsumerHandle> {
    if (this.closing) throw new BusError('CLOSED', 'the bus is closed');
    const consumer = new ManagedConsumer({
      ...options,
      kafka: this.kafka,
      catalog: this.catalog,
      tuning: this.tuning,
      metrics: this.busMetrics,
      log: this.log.child({ groupId: options.groupId }),
      onFatal: this.options.onFatal ?? ((error) => this.log.fatal({ err: error }, 'consumer gave up')),
    });
    await consumer.start();
    const handle = consumerHandle(
      options.groupId,
      () => consumer.stop(),
      () => this.handles.delete(handle),
    );
    this.handles.add(handle);
    return handle;
  }

  async ensureTopics(topics?: readonly EventTopic[]): Promise<void> {
    const wanted = this.catalog.specs.filter(
      (spec) =>
        topics === undefined || topics.some((name) => spec.name === name || spec.name === `${name}.dlq`),
    );
    await provisionTopics(await this.connectedAdmin(), this.catalog, wanted, this.options.replicationFactor);
  }

  async deleteTopics(): Promise<void> {
    const admin = await this.connectedAdmin();
    try {
      const ours = new Set(this.catalog.specs.map((spec) => this.catalog.physical(spec.name)));
      const existing = (await admin.listTopics()).filter((name) => ours.has(name));
      if (existing.length > 0) await admin.deleteTopics({ topics: existing });
    } finally {
      // Allowed after close(), so consumers can be drained before their topics go; do not leak the client.
      if (this.closed) {
        this.admin = undefined;
        await admin.disconnect();
      }
    }
  }

  async committedOffsets(groupId: string, topic: TopicName): Promise<CommittedOffsets> {
    const admin = await this.connectedAdmin();
    const physical = this.catalog.physical(topic);
    const result = await admin.fetchOffsets({ groupId, topics: [physical] });
    const offsets = new Map<number, string>();
    for (const partition of result.find((entry) => entry.topic === physical)?.partitions ?? []) {
      // -1 is Kafka's "nothing committed".
      if (partition.offset !== '-1') offsets.set(partition.partition, partition.offset);
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
    const admin = this.admin;
    this.admin = undefined;
    await Promise.allSettled([this.producers.close(), admin?.then((a) => a.disconnect())]);
  }

  private deadLetterOf(from: TopicName): TopicName {
    const deadLetter = this.catalog.spec(from).deadLetter;
    if (deadLetter === undefined)
      throw new BusError('UNKNOWN_TOPIC', `topic ${from} has no dead-letter topic`);
    return deadLetter;
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      // acks=-1 is required by idempotence, which needs one request in flight to keep order on retry.
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Stated, not defaulted: kafkajs warns about its default changing, and the memory adapter's murmur2
      // placement (partitionForKey) must match this Java-compatible partitioner.
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded, so publish fails to its caller in time; kafkajs warns this weakens exactly-once, which the
      // bus never promises (a failed publish is retried by the caller and deduplicated downstream).
      retry: { retries: 5 },
    });
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= this.connect(this.kafka.admin()).catch((error: unknown) => {
      this.admin = undefined;
      throw error;
    });
    return this.admin;
  }

  /** Connects a client; callers forget a failed connect so the next call tries again. */
  private async connect<T extends { connect(): Promise<void> }>(client: T): Promise<T> {
    try {
      await client.connect();
      return client;
    } catch (error) {
      throw new BusError('ADMIN_FAILED', 'could not connect to Kafka', error);
    }
  }
}
