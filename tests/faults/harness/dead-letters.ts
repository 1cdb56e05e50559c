import type { DeliveredRecord, EventBus, EventTopic } from '@trustwatch/bus';
import { uniqueName } from '@trustwatch/testing';
import { sleep, waitFor } from './wait.js';

// After the last letter a run expects, a short look for letters it does not expect.
const EXTRA_LETTER_GRACE_MS = 1_500;

/**
 * Reads the dead-letter topics of `topics` from the start under a fresh group until `expected` letters
 * arrived, then a little longer, so letters nobody expected (a valid event refused) are counted too.
 */
export async function readDeadLetters(
  bus: EventBus,
  topics: readonly EventTopic[],
  expected: number,
): Promise<DeliveredRecord[]> {
  const letters: DeliveredRecord[] = [];
  const reader = await bus.consumeRecords({
    groupId: uniqueName('dlq-reader'),
    topics: topics.map((topic) => `${topic}.dlq` as const),
    handle: (record) => {
      letters.push(record);
      return Promise.resolve();
    },
  });
  try {
    await waitFor(() => Promise.resolve(letters.length >= expected), 60_000, 'every expected dead letter');
    await sleep(EXTRA_LETTER_GRACE_MS);
  } finally {
    await reader.stop();
  }
  return letters;
}
