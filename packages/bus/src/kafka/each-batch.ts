import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { DeliveredRecord } from '../port.js';
import { processBatch, type BatchCursor } from '../runner/process-batch.js';
import type { RecordWork, RunnerDeps } from '../runner/process-record.js';
import type { TopicCatalog, TopicSpec } from '../topics.js';

/** What the batch loop reports to the consumer that owns it. */
export interface BatchHooks {
  /** A batch arrived: the watchdog starts timing a partition from its first batch. */
  started(topic: string, partition: number, lag: number): void;
  /** Records were processed or dead-lettered (progress, for the watchdog). */
  progressed(topic: string, partition: number, lag: number): void;
  /** The batch's handling ended, whichever way. */
  finished(topic: string, partition: number): void;
  /** Retries are used up: the partition was paused; `resume` restarts fetching from the unresolved record. */
  paused(topic: string, partition: number, resume: () => void): void;
}

/**
 * The at-least-once batch loop: records are handled in order (one at a time, or in runs when the work has a
 * batch handler), an offset is resolved only after everything up to it is done, and the loop stops at the
 * first record that could not be done, so no commit ever passes it. Heartbeats run after each record or run
 * and, through the runner, during long handlers.
 */
export function eachBatchHandler(
  catalog: TopicCatalog,
  work: (spec: TopicSpec) => RecordWork<unknown>,
  deps: (payload: EachBatchPayload) => RunnerDeps,
  hooks: BatchHooks,
): (payload: EachBatchPayload) => Promise<void> {
  return async (payload) => {
    const { batch } = payload;
    const spec = catalog.logical(batch.topic);
    hooks.started(batch.topic, batch.partition, Number(batch.offsetLagLow()) + 1);
    try {
      const records = batch.messages.map((message) => toRecord(spec, batch.partition, message));
      const verdict = await processBatch(records, work(spec), deps(payload), kafkaCursor(payload, hooks));
      if (verdict.kind === 'backpressure' && payload.isRunning())
        hooks.paused(batch.topic, batch.partition, payload.pause());
    } finally {
      hooks.finished(batch.topic, batch.partition);
    }
  };
}

function kafkaCursor(payload: EachBatchPayload, hooks: BatchHooks): BatchCursor {
  const { batch } = payload;
  const high = BigInt(batch.highWatermark);
  return {
    active: () => payload.isRunning() && !payload.isStale(),
    async advance(lastOffset) {
      // Resolving an offset covers every lower one (kafkajs#320): one call per run is enough.
      payload.resolveOffset(lastOffset);
      hooks.progressed(batch.topic, batch.partition, Number(high - BigInt(lastOffset) - 1n));
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    },
  };
}

function toRecord(spec: TopicSpec, partition: number, message: KafkaMessage): DeliveredRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const single = Array.isArray(value) ? value[0] : value;
    if (single !== undefined) headers[name] = single.toString();
  }
  return {
    topic: spec.name,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    value: message.value,
    headers,
  };
}
