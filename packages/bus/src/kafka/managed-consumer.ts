import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { withDeadline } from '../consumer-handle.js';
import type { BusMetrics } from '../metrics.js';
import type { RawRecord } from '../port.js';
import type { RecordWork } from '../runner/process-record.js';
import { sleep, type RetryPolicy } from '../runner/retry.js';
import type { TopicCatalog, TopicName, TopicSpec } from '../topics.js';
import { eachBatchHandler } from './each-batch.js';
import type { KafkaConsumerTuning } from './kafka-options.js';

export interface ManagedConsumerOptions {
  kafka: Kafka;
  catalog: TopicCatalog;
  groupId: string;
  topics: readonly TopicName[];
  work: (spec: TopicSpec) => RecordWork<unknown>;
  policy: RetryPolicy;
  tuning: KafkaConsumerTuning;
  metrics: BusMetrics;
  log: Logger;
  deadLetter?: (from: TopicName, record: RawRecord) => Promise<void>;
  isHealthy?: () => Promise<boolean>;
  onFatal: (error: Error) => void;
}

interface PartitionProgress {
  lag: number;
  lastProgress: number;
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
  private readonly progress = new Map<string, PartitionProgress>();
  private readonly paused = new Set<string>();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly options: ManagedConsumerOptions) {}

  async start(): Promise<void> {
    const { kafka, groupId, tuning, catalog } = this.options;
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
    // A new assignment: partitions this member lost must not look stalled to the watchdog.
    consumer.on(consumer.events.GROUP_JOIN, () => this.progress.clear());
    await consumer.connect();
    await consumer.subscribe({
      topics: this.options.topics.map((name) => catalog.physical(name)),
      fromBeginning: true,
    });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: tuning.autoCommitIntervalMs,
      autoCommitThreshold: tuning.autoCommitThreshold,
      eachBatch: eachBatchHandler(catalog, this.options.work, (payload) => this.runnerDeps(payload), {
        started: (topic, partition, lag) => {
          if (!this.progress.has(`${topic}/${partition}`)) this.markProgress(topic, partition, lag);
        },
        progressed: (topic, partition, lag) => this.markProgress(topic, partition, lag),
        paused: (topic, partition, resume) => this.pausePartition(topic, partition, resume),
      }),
    });
    this.watchdog ??= setInterval(() => this.checkProgress(), Math.max(100, tuning.watchdogMs / 4));
  }

  /** Drains: kafkajs stops fetching, waits for the running batch, commits resolved offsets, leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    this.abort.abort();
    await this.consumer?.disconnect();
  }

  private runnerDeps(payload: EachBatchPayload) {
    const { groupId, policy, log, metrics, deadLetter, tuning } = this.options;
    return {
      groupId,
      policy,
      log,
      metrics,
      signal: this.abort.signal,
      keepAlive: { beat: () => payload.heartbeat(), intervalMs: tuning.keepAliveMs },
      ...(deadLetter === undefined ? {} : { deadLetter }),
    };
  }

  private markProgress(topic: string, partition: number, lag: number): void {
    this.progress.set(`${topic}/${partition}`, { lag, lastProgress: Date.now() });
    this.options.metrics.setLag(topic, partition, lag);
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
      this.progress.delete(key);
      resume();
    };
    void wait();
  }

  /** The watchdog: lag that does not shrink on an unpaused partition means a stalled consumer. */
  private checkProgress(): void {
    const now = Date.now();
    for (const [key, entry] of this.progress) {
      if (
        entry.lag > 0 &&
        !this.paused.has(key) &&
        now - entry.lastProgress > this.options.tuning.watchdogMs
      ) {
        this.progress.clear();
        void this.restart('stalled', new Error(`no progress on ${key} with lag ${entry.lag}`));
        return;
      }
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
