import type { Admin, Consumer, EachBatchPayload, IMemberAssignment, Kafka, TopicPartitions } from 'kafkajs';
import type { Logger } from 'pino';
import { withDeadline } from '../consumer-handle.js';
import type { BusMetrics } from '../metrics.js';
import type { RawRecord } from '../port.js';
import { PauseLedger } from '../runner/pause-ledger.js';
import type { RecordWork } from '../runner/process-record.js';
import { sleep, type RetryPolicy } from '../runner/retry.js';
import type { TopicCatalog, TopicName, TopicSpec } from '../topics.js';
import { eachBatchHandler } from './each-batch.js';
import type { KafkaConsumerTuning } from './kafka-options.js';
import { LagWatch, rewindAssigned } from './offset-watch.js';

export interface ManagedConsumerOptions {
  kafka: Kafka;
  catalog: TopicCatalog;
  groupId: string;
  topics: readonly TopicName[];
  work: (spec: TopicSpec) => RecordWork<unknown>;
  policy: RetryPolicy;
  /** See `ConsumeOptions.concurrentPartitions` (default 1). */
  concurrentPartitions?: number;
  tuning: KafkaConsumerTuning;
  metrics: BusMetrics;
  log: Logger;
  deadLetter?: (from: TopicName, record: RawRecord) => Promise<void>;
  isHealthy?: () => Promise<boolean>;
  startOffsets?: (topic: TopicName) => Promise<ReadonlyMap<number, string>>;
  onFatal: (error: Error) => void;
}

/**
 * One kafkajs consumer kept alive: crashes and stalls restart it (within a budget, with backoff) instead of
 * leaving it silently stopped; paused partitions resume after the pause and a health check; `stop` drains.
 */
export class ManagedConsumer {
  private consumer: Consumer | undefined;
  private abort = new AbortController();
  private stopping = false;
  private restarting = false;
  private readonly restarts: number[] = [];
  private readonly paused = new Set<string>();
  /** Partitions held paused until their rewind has landed (`topic/partition`, physical topic names). */
  private readonly held = new Set<string>();
  /** The latest hold: an older rewind, overtaken by a newer assignment, leaves the release to the newer one. */
  private latestHold: readonly TopicPartitions[] = [];
  private readonly lagWatch: LagWatch;
  private assignment: IMemberAssignment = {};
  private admin: Admin | undefined;
  private checking = false;
  /** When this member last finished a record on any partition (watchdog input). */
  private lastActivity = 0;
  /** Partitions whose batch is being handled (`topic/partition`): when it last progressed (watchdog input). */
  private readonly running = new Map<string, number>();
  // Outlives restarts: a poison record must not get a fresh pause budget each time the consumer is replaced.
  private readonly pauses = new PauseLedger();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: ManagedConsumerOptions) {
    this.lagWatch = new LagWatch(options.groupId, options.tuning.watchdogMs, options.metrics);
  }

  /**
   * Connects, subscribes and runs. When any step fails (a topic missing, the broker unreachable), the admin
   * client and the consumer are disconnected before the error is rethrown: their sockets would otherwise
   * keep the process alive after its caller gave up.
   */
  async start(): Promise<void> {
    try {
      await this.open();
    } catch (error) {
      await this.closeAfterFailedStart();
      throw error;
    }
  }

  private async open(): Promise<void> {
    const { kafka, groupId, tuning, catalog } = this.options;
    if (this.admin === undefined) {
      const admin = kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: tuning.sessionTimeoutMs,
      rebalanceTimeout: tuning.rebalanceTimeoutMs,
      heartbeatInterval: tuning.heartbeatIntervalMs,
      maxWaitTimeInMs: tuning.maxWaitTimeInMs,
      minBytes: 1,
      maxBytesPerPartition: tuning.maxBytesPerPartition,
      maxBytes: tuning.maxBytes,
      allowAutoTopicCreation: false,
      // kafkajs would otherwise restart on its own, forever (kafkajs#1721); the CRASH handler decides.
      retry: { retries: 5, restartOnFailure: () => Promise.resolve(false) },
    });
    this.consumer = consumer;
    this.abort = new AbortController();
    consumer.on(consumer.events.CRASH, (event) => {
      if (consumer === this.consumer) void this.restart('crash', event.payload.error);
    });
    // A new assignment: the watchdog times only what this member owns now, from now.
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      if (consumer !== this.consumer) return;
      this.assignment = event.payload.memberAssignment;
      this.lagWatch.reset();
      // Paused before the first fetch, so no record past the committed offset is handled ahead of the
      // rewound tail; the seek lands while the partitions are held, then they resume.
      const held = this.holdForRewind(consumer, event.payload.memberAssignment);
      void this.rewind(consumer, event.payload.memberAssignment, held);
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: this.options.topics.map((name) => catalog.physical(name)),
      fromBeginning: true,
    });
    await consumer.run({
      // kafkajs hands each fetched partition's batch to one of this many workers and fetches a partition
      // again only once its batch is done, so one partition's batches never overlap.
      partitionsConsumedConcurrently: Math.max(1, Math.floor(this.options.concurrentPartitions ?? 1)),
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: tuning.autoCommitIntervalMs,
      autoCommitThreshold: tuning.autoCommitThreshold,
      eachBatch: eachBatchHandler(catalog, this.options.work, (payload) => this.runnerDeps(payload), {
        started: (topic, partition, lag) => {
          this.running.set(`${topic}/${partition}`, Date.now());
          this.options.metrics.setLag(topic, partition, lag);
        },
        progressed: (topic, partition, lag) => {
          this.lastActivity = Date.now();
          this.running.set(`${topic}/${partition}`, this.lastActivity);
          this.options.metrics.setLag(topic, partition, lag);
        },
        finished: (topic, partition) => this.running.delete(`${topic}/${partition}`),
        paused: (topic, partition, resume) => this.pausePartition(topic, partition, resume),
      }),
    });
    this.watchdog ??= setInterval(() => void this.checkProgress(), Math.max(100, tuning.watchdogMs / 4));
  }

  private async closeAfterFailedStart(): Promise<void> {
    const { consumer, admin } = this;
    this.consumer = undefined;
    this.admin = undefined;
    this.abort.abort();
    // The start error is the one the caller needs; a failing disconnect is only worth a warning.
    const warn = (cause: unknown): void =>
      this.options.log.warn({ err: cause }, 'client did not disconnect after a failed start');
    await consumer?.disconnect().catch(warn);
    await admin?.disconnect().catch(warn);
  }

  /** Drains: kafkajs stops fetching, waits for the running batch, commits resolved offsets, leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    this.abort.abort();
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
  }

  private runnerDeps(payload: EachBatchPayload) {
    const { groupId, policy, log, metrics, deadLetter, tuning, isHealthy } = this.options;
    return {
      groupId,
      policy,
      log,
      metrics,
      signal: this.abort.signal,
      pauses: this.pauses,
      ...(isHealthy === undefined ? {} : { isHealthy }),
      keepAlive: { beat: () => payload.heartbeat(), intervalMs: tuning.keepAliveMs },
      ...(deadLetter === undefined ? {} : { deadLetter }),
    };
  }

  /** Pauses every assigned partition that a rewind may move; returns what was paused for it. */
  private holdForRewind(consumer: Consumer, assignment: IMemberAssignment): TopicPartitions[] {
    if (this.options.startOffsets === undefined) return [];
    const held = Object.entries(assignment)
      .filter(([, partitions]) => partitions.length > 0)
      .map(([topic, partitions]) => ({ topic, partitions: [...partitions] }));
    if (held.length > 0) consumer.pause(held);
    this.held.clear();
    for (const { topic, partitions } of held)
      for (const partition of partitions) this.held.add(`${topic}/${partition}`);
    this.latestHold = held;
    return held;
  }

  /** Resumes what `holdForRewind` paused, except partitions the runner paused for backpressure meanwhile. */
  private release(consumer: Consumer, held: readonly TopicPartitions[]): void {
    if (consumer !== this.consumer || held !== this.latestHold) return;
    const resumable = held
      .map(({ topic, partitions }) => ({
        topic,
        partitions: partitions.filter((partition) => {
          const key = `${topic}/${partition}`;
          this.held.delete(key);
          return !this.paused.has(key);
        }),
      }))
      .filter(({ partitions }) => partitions.length > 0);
    if (resumable.length > 0) consumer.resume(resumable);
  }

  private async rewind(
    consumer: Consumer,
    assignment: IMemberAssignment,
    held: readonly TopicPartitions[],
  ): Promise<void> {
    const { startOffsets, groupId, catalog, log } = this.options;
    if (startOffsets === undefined) return;
    try {
      if (this.admin === undefined) throw new Error('admin client not connected');
      await rewindAssigned(this.admin, consumer, groupId, assignment, catalog, startOffsets, log);
      this.release(consumer, held);
    } catch (error) {
      // Without the rewind the lost tail stays lost: restart, so the next assignment tries again. Resuming
      // first would let the old consumer handle records past the lost tail before it disconnects; a restart
      // replaces it, and only one that did not (budget used up) leaves it to be released here.
      await this.restart('rewind failed', error instanceof Error ? error : new Error(String(error)));
      if (!this.restarting && !this.stopping) this.release(consumer, held);
    }
  }

  private pausePartition(topic: string, partition: number, resume: () => void): void {
    const key = `${topic}/${partition}`;
    this.paused.add(key);
    this.options.metrics.increment('paused');
    const { signal } = this.abort;
    const wait = async (): Promise<void> => {
      do {
        if (!(await sleep(this.options.policy.pauseMs, signal))) return;
      } while (this.options.isHealthy !== undefined && !(await this.options.isHealthy().catch(() => false)));
      this.paused.delete(key);
      // A partition held for a rewind stays paused; the rewind's release resumes it.
      if (!this.held.has(key)) resume();
    };
    void wait();
  }

  /** The watchdog: the broker's committed offset not moving on an unpaused partition with lag means a stall. */
  private async checkProgress(): Promise<void> {
    if (this.checking || this.restarting || this.stopping || this.admin === undefined) return;
    this.checking = true;
    try {
      const stall = await this.lagWatch.stalled(this.admin, this.assignment, this.paused, {
        last: this.lastActivity,
        running: this.running,
      });
      if (stall !== undefined) {
        this.lagWatch.reset();
        void this.restart('stalled', new Error(stall));
      }
    } catch (error) {
      // The broker being unreachable is no stall of ours; kafkajs's own retries and CRASH cover it.
      this.options.log.debug({ err: error }, 'watchdog could not read offsets');
    } finally {
      this.checking = false;
    }
  }

  private async restart(reason: string, error: Error): Promise<void> {
    if (this.stopping || this.restarting) return;
    this.restarting = true;
    const { tuning, log, metrics } = this.options;
    const now = Date.now();
    while (this.restarts.length > 0 && (this.restarts[0] ?? now) < now - tuning.restartWindowMs)
      this.restarts.shift();
    let failed: Error | undefined;
    try {
      if (this.restarts.length >= tuning.restartBudget) {
        log.fatal({ err: error, reason }, 'consumer restart budget used up');
        this.options.onFatal(error);
        return;
      }
      this.restarts.push(now);
      metrics.increment('restarts');
      log.error({ err: error, reason, restarts: this.restarts.length }, 'restarting consumer');
      this.abort.abort();
      // A stalled consumer may never finish its batch; past the session timeout the group has dropped it.
      const disconnecting = this.consumer?.disconnect() ?? Promise.resolve();
      await withDeadline(disconnecting, tuning.sessionTimeoutMs, 'disconnect timed out').catch(
        (cause: unknown) => log.warn({ err: cause }, 'old consumer did not disconnect cleanly'),
      );
      this.paused.clear();
      this.held.clear();
      this.assignment = {};
      await sleep(tuning.restartBackoffMs * this.restarts.length);
      if (!this.stopping) await this.start();
    } catch (startError) {
      failed = startError instanceof Error ? startError : new Error(String(startError));
    } finally {
      this.restarting = false;
    }
    if (failed !== undefined) await this.restart('restart failed', failed);
  }
}
