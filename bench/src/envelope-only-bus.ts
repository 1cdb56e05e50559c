import {
  decorateBus,
  type BatchItem,
  type ConsumeOptions,
  type ConsumeRecordsOptions,
  type DeliveredRecord,
  type EventBus,
  type HandlerContext,
} from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import { decodeBinary, type TrustwatchEvent } from '@trustwatch/schemas';

/**
 * A context as the bus's runner builds it: the child logger is made only when the handler reads `log`.
 */
function contextOf(record: DeliveredRecord, parent: Logger): HandlerContext {
  let log: Logger | undefined;
  const { topic, partition, offset } = record;
  return {
    topic,
    partition,
    offset,
    attempt: 1,
    get log(): Logger {
      log ??= parent.child({ topic, partition, offset });
      return log;
    },
  };
}

function itemOf(record: DeliveredRecord, log: Logger): BatchItem {
  // The envelope's own checks (the codec), not the per-type data schema: the one thing switched off.
  return { event: decodeBinary(record) as TrustwatchEvent, context: contextOf(record, log) };
}

function overRecords(options: ConsumeOptions, log: Logger): ConsumeRecordsOptions {
  const { handleBatch } = options;
  return {
    groupId: options.groupId,
    topics: options.topics,
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    handle: async (record) => {
      const { event, context } = itemOf(record, log);
      await options.handle(event, context);
    },
    ...(handleBatch === undefined
      ? {}
      : { handleBatch: (records) => handleBatch(records.map((record) => itemOf(record, log))) }),
  };
}

/**
 * The same bus with event validation switched off, for the validation A/B: `consume` runs on the raw
 * consumer (the same runner, runs and commits) and hands the service events whose envelope was decoded
 * but whose data was not checked against its type's schema, nor its type against the topic. The service
 * (`startTrustEngine`) is started as deployed on top of it, so the two variants differ in validation
 * alone. Bench only: `isHealthy` and `startOffsets` are not used (a fresh group over pre-loaded topics
 * needs neither) and a record that fails to decode is retried, not dead-lettered.
 */
export function envelopeOnlyBus(bus: EventBus, log: Logger): EventBus {
  return decorateBus(bus, { consume: (options) => bus.consumeRecords(overRecords(options, log)) });
}
