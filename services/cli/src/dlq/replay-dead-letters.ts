import { DLQ_HEADERS, type EventBus, type RawRecord } from '@trustwatch/bus';
import type { DeadLetter } from './read-dead-letters.js';

const DLQ_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(DLQ_HEADERS));

/** The record as it was before it failed: same key, value and headers, without the dead-letter ones. */
export function originalRecord(letter: DeadLetter): RawRecord {
  const headers = Object.fromEntries(
    Object.entries(letter.record.headers).filter(([name]) => !DLQ_HEADER_NAMES.has(name)),
  );
  return { key: letter.record.key, value: letter.record.value, headers };
}

/** What a replay did: records sent back to their source topic, and those that could not be. */
export interface ReplayReport {
  readonly replayed: readonly DeadLetter[];
  /** Records whose value the dead-letter topic did not keep (too large): nothing to send back. */
  readonly unreplayable: readonly DeadLetter[];
}

/**
 * Re-publishes dead letters to the topics they failed on, one batch per topic, in the order they were
 * read. Consumers dedupe by event id, so replaying a record that was already fixed is harmless.
 */
export async function replayDeadLetters(
  bus: EventBus,
  letters: readonly DeadLetter[],
): Promise<ReplayReport> {
  const replayable = letters.filter((l) => l.replayable);
  const byTopic = new Map<DeadLetter['sourceTopic'], RawRecord[]>();
  for (const letter of replayable) {
    const batch = byTopic.get(letter.sourceTopic) ?? [];
    batch.push(originalRecord(letter));
    byTopic.set(letter.sourceTopic, batch);
  }
  for (const [topic, records] of byTopic) await bus.publishRaw(topic, records);
  return { replayed: replayable, unreplayable: letters.filter((l) => !l.replayable) };
}
