import { randomUUID } from 'node:crypto';
import {
  DLQ_HEADERS,
  TOPIC_NAMES,
  type DeadLetterTopic,
  type DeliveredRecord,
  type EventBus,
  type EventTopic,
} from '@trustwatch/bus';

/** One dead-lettered record, with why it failed, as `dlq list` shows it. */
export interface DeadLetter {
  /** The CloudEvents id (`ce_id` header) when the record had one, else `<dlq topic>:<partition>:<offset>`. */
  readonly id: string;
  /** The topic the record failed on, where `dlq replay` sends it back. */
  readonly sourceTopic: EventTopic;
  readonly reason: string;
  readonly message: string;
  readonly attempts: number;
  readonly firstFailureAt: string | null;
  readonly groupId: string | null;
  /** Where the record sits on the dead-letter topic. */
  readonly position: { readonly topic: DeadLetterTopic; readonly partition: number; readonly offset: string };
  /** Whether the value was kept (a record too close to the size limit keeps only its size). */
  readonly replayable: boolean;
  readonly record: DeliveredRecord;
}

export interface ReadOptions {
  /** Stop after this many records. */
  readonly limit: number;
  /** How long to wait for the first record before concluding the topics are empty (ms). */
  readonly waitMs: number;
}

/** The event topic a dead-letter topic belongs to. */
export function sourceOf(topic: DeadLetterTopic): EventTopic {
  const source = topic.slice(0, -'.dlq'.length);
  const found = TOPIC_NAMES.find((name) => name === source);
  if (found === undefined) throw new Error(`not a dead-letter topic of the catalog: ${topic}`);
  return found;
}

function toDeadLetter(record: DeliveredRecord): DeadLetter {
  const h = record.headers;
  const topic = record.topic as DeadLetterTopic;
  return {
    id: h['ce_id'] ?? `${topic}:${record.partition}:${record.offset}`,
    sourceTopic: sourceOf(topic),
    reason: h[DLQ_HEADERS.reason] ?? 'UNKNOWN',
    message: h[DLQ_HEADERS.message] ?? '',
    attempts: Number(h[DLQ_HEADERS.attempts] ?? 0),
    firstFailureAt: h[DLQ_HEADERS.firstFailureAt] ?? null,
    groupId: h[DLQ_HEADERS.groupId] ?? null,
    position: { topic, partition: record.partition, offset: record.offset },
    replayable: record.value !== null,
    record,
  };
}

// Once records flow, the reader is done when every partition it fetched has no lag left and nothing
// new arrived for this long (a fetch cycle is 100 ms: see the bus's maxWaitTimeInMs).
const SETTLE_MS = 500;
const POLL_MS = 50;

/**
 * Reads dead-letter topics from the beginning with a throwaway consumer group, until they are drained
 * (or `limit` records were read), in offset order per partition. Kafka keeps no "read to the end"
 * call on the bus port, so the end is the consumer's lag reaching zero; topics with no record at all
 * are recognised by nothing arriving within `waitMs`.
 */
export async function readDeadLetters(
  bus: EventBus,
  topics: readonly DeadLetterTopic[],
  options: ReadOptions,
): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  let lastArrival = 0;
  const handle = await bus.consumeRecords({
    groupId: `trustwatch-cli-dlq-${randomUUID()}`,
    topics,
    handle: (record) => {
      if (letters.length < options.limit) letters.push(toDeadLetter(record));
      lastArrival = Date.now();
      return Promise.resolve();
    },
  });
  try {
    const started = Date.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (letters.length >= options.limit) break;
      const lags = Object.values(bus.metrics().lag);
      if (lastArrival === 0) {
        if (Date.now() - started >= options.waitMs) break;
        continue;
      }
      if (lags.every((lag) => lag === 0) && Date.now() - lastArrival >= SETTLE_MS) break;
    }
  } finally {
    await handle.stop();
  }
  return letters;
}
