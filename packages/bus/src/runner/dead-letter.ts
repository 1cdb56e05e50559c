import { MAX_EVENT_BYTES, TrustwatchError } from '@trustwatch/schemas';
import type { DeliveredRecord, RawRecord } from '../port.js';

/** Header names on dead-letter records; original headers are kept alongside them. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  message: 'dlq-message',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  attempts: 'dlq-attempts',
  firstFailureAt: 'dlq-first-failure-at',
  groupId: 'dlq-group-id',
  valueBytes: 'dlq-value-bytes',
} as const;

export interface DeadLetterFailure {
  error: unknown;
  attempts: number;
  firstFailureAt: Date;
  groupId: string;
}

// Header values stay short: a message quoting a large payload must not make the record oversize.
const MAX_MESSAGE_CHARS = 1_000;
// Room for the key and headers next to the value: a dead letter that does not fit its topic would block
// the partition it came from, so a value close to the limit is dropped rather than risked.
const HEADROOM_BYTES = 64 * 1_024;

/**
 * Builds the dead-letter record for a failed one: same key, same headers, the value kept unless it might
 * not fit the dead-letter topic (then only its size is recorded), and the failure described in headers.
 */
export function deadLetterRecord(record: DeliveredRecord, failure: DeadLetterFailure): RawRecord {
  const { error } = failure;
  // instanceof on a generic class widens `code` to any; the class guarantees a string.
  const reason = error instanceof TrustwatchError ? String(error.code) : 'UNCLASSIFIED';
  const message = error instanceof Error ? error.message : String(error);
  const valueBytes = record.value?.length ?? 0;
  const keepValue = valueBytes <= MAX_EVENT_BYTES - HEADROOM_BYTES;
  return {
    key: record.key,
    value: keepValue ? record.value : null,
    headers: {
      ...record.headers,
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.message]: message.slice(0, MAX_MESSAGE_CHARS),
      [DLQ_HEADERS.topic]: record.topic,
      [DLQ_HEADERS.partition]: String(record.partition),
      [DLQ_HEADERS.offset]: record.offset,
      [DLQ_HEADERS.attempts]: String(failure.attempts),
      [DLQ_HEADERS.firstFailureAt]: failure.firstFailureAt.toISOString(),
      [DLQ_HEADERS.groupId]: failure.groupId,
      [DLQ_HEADERS.valueBytes]: String(valueBytes),
    },
  };
}
