import { decodeBinary, decodeEvent, type TrustwatchEvent } from '@trustwatch/schemas';
import { BusError } from '../errors.js';
import type { ConsumeOptions, ConsumeRecordsOptions, DeliveredRecord, EventHandler } from '../port.js';
import type { TopicSpec } from '../topics.js';
import type { BatchWork, RecordWork } from './process-record.js';

/** Run length when `handleBatch` is given without `maxBatchSize`: one Redis pipeline's worth of events. */
export const DEFAULT_MAX_BATCH_SIZE = 500;

/** The batch fast path of `consume` options, if any; throws `INVALID_OPTIONS` for an unusable size. */
export function batchWork(options: ConsumeOptions): BatchWork<TrustwatchEvent> | undefined {
  const { handleBatch } = options;
  const maxSize = checkedBatchSize(options.maxBatchSize);
  return handleBatch === undefined ? undefined : { maxSize, run: handleBatch };
}

/** The batch fast path of `consumeRecords` options, if any: the handler gets the records themselves. */
export function recordBatchWork(options: ConsumeRecordsOptions): BatchWork<DeliveredRecord> | undefined {
  const { handleBatch } = options;
  const maxSize = checkedBatchSize(options.maxBatchSize);
  return handleBatch === undefined
    ? undefined
    : { maxSize, run: (items) => handleBatch(items.map((item) => item.event)) };
}

function checkedBatchSize(maxBatchSize = DEFAULT_MAX_BATCH_SIZE): number {
  if (!Number.isSafeInteger(maxBatchSize) || maxBatchSize < 1)
    throw new BusError('INVALID_OPTIONS', `maxBatchSize must be a positive integer, got ${maxBatchSize}`);
  return maxBatchSize;
}

/** Decodes with the shared codec, checks the type belongs on the topic, validates, then calls the handler. */
export function eventWork(
  spec: TopicSpec,
  handle: EventHandler,
  batch?: BatchWork<TrustwatchEvent>,
): RecordWork<TrustwatchEvent> {
  return {
    ...(batch === undefined ? {} : { batch }),
    prepare(record: DeliveredRecord): TrustwatchEvent {
      const envelope = decodeBinary(record);
      if (!spec.eventTypes.includes(envelope.type)) {
        throw new BusError(
          'TYPE_NOT_ALLOWED',
          `type "${envelope.type}" is not allowed on topic ${spec.name}`,
        );
      }
      return decodeEvent(envelope);
    },
    eventId: (event) => event.id,
    run: (event, context) => handle(event, context),
  };
}

/** Hands raw records to a handler; nothing to decode, so nothing is dead-lettered before it. */
export function recordWork(
  handle: (record: DeliveredRecord) => Promise<void>,
  batch?: BatchWork<DeliveredRecord>,
): RecordWork<DeliveredRecord> {
  return {
    ...(batch === undefined ? {} : { batch }),
    prepare: (record) => record,
    eventId: () => undefined,
    run: async (record) => {
      await handle(record);
      return { status: 'done' };
    },
  };
}
