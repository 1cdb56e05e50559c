import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import type { TopicOverrides } from '../topics.js';

/** How to reach the cluster; the composition root maps validated config onto it. */
export interface KafkaConnectionOptions {
  brokers: readonly string[];
  clientId: string;
  /** TLS options; certificate checks stay on (never `rejectUnauthorized: false`). */
  ssl?: ConnectionOptions | true;
  sasl?: SASLOptions;
}

/** Consumer timings and limits; the defaults favour low latency and safe group membership. */
export interface KafkaConsumerTuning {
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  /**
   * kafkajs waits 5 s by default for a fetch to fill; 100 ms keeps end-to-end latency low. With `minBytes`
   * fixed at 1 a fetch returns as soon as anything is there, so a light load is never held back to build a
   * batch, and under load batches grow on their own (what piled up since the last fetch).
   */
  maxWaitTimeInMs: number;
  /**
   * At least the largest record any topic accepts, or the consumer stalls on it. Also the most a batch of one
   * partition can hold: 4 MiB is thousands of typical events, several `maxBatchSize` runs per fetch.
   */
  maxBytesPerPartition: number;
  maxBytes: number;
  autoCommitIntervalMs: number;
  autoCommitThreshold: number;
  /** Consumer restarts (after crashes or stalls) allowed within `restartWindowMs`; then the process should exit. */
  restartBudget: number;
  restartWindowMs: number;
  restartBackoffMs: number;
  /**
   * An assigned, unpaused partition with lag (broker high watermark above the group's committed offset)
   * whose committed offset does not move for this long, while the member finishes no record anywhere,
   * gets its consumer restarted. Checked every quarter of it.
   */
  watchdogMs: number;
  /** Heartbeat period while one long handler runs. */
  keepAliveMs: number;
}

/** Everything `createKafkaBus` needs: the connection, a logger, and optional catalog and tuning changes. */
export interface KafkaBusOptions extends KafkaConnectionOptions {
  logger: Logger;
  namespace?: string;
  topicOverrides?: TopicOverrides;
  /** Replication factor for created topics; the broker's default when absent. */
  replicationFactor?: number;
  consumer?: Partial<KafkaConsumerTuning>;
  /** Called when a consumer used up its restart budget; services exit so the orchestrator restarts them. */
  onFatal?: (error: Error) => void;
}

/**
 * Session 10 s with a heartbeat every 3 s: a crashed member's partitions move after about 10 s (kafkajs's
 * 30 s stalled the group that long on every engine crash), and a GC pause or a slow broker still fits
 * three heartbeats. The same default as `@trustwatch/config`'s KAFKA_SESSION_TIMEOUT_MS, which services
 * pass in. A rebalance may take a minute for members finishing a batch. 4 MiB per partition stays above
 * the broker's 1 MiB record limit and any raised per-topic limit used in practice. Restarts: five in ten
 * minutes, then the process gives up; the watchdog waits two minutes, well past any sane handler plus
 * its retries.
 */
export const DEFAULT_CONSUMER_TUNING: KafkaConsumerTuning = Object.freeze({
  sessionTimeoutMs: 10_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 3_000,
  maxWaitTimeInMs: 100,
  maxBytesPerPartition: 4 * 1_048_576,
  maxBytes: 16 * 1_048_576,
  autoCommitIntervalMs: 1_000,
  autoCommitThreshold: 100,
  restartBudget: 5,
  restartWindowMs: 600_000,
  restartBackoffMs: 1_000,
  watchdogMs: 120_000,
  keepAliveMs: 3_000,
});

/**
 * The defaults with `overrides` applied. A session shortened without a heartbeat of its own gets a
 * heartbeat of at most a third of it, so that one late heartbeat does not cost the membership.
 */
export function consumerTuning(overrides: Partial<KafkaConsumerTuning> = {}): KafkaConsumerTuning {
  const tuning = { ...DEFAULT_CONSUMER_TUNING, ...overrides };
  if (overrides.heartbeatIntervalMs !== undefined) return tuning;
  const third = Math.floor(tuning.sessionTimeoutMs / 3);
  return { ...tuning, heartbeatIntervalMs: Math.min(tuning.heartbeatIntervalMs, third) };
}
