import { topicCatalog, type ConsumeOptions, type TopicSpec } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import type { KafkaPosition, TrustStore } from '@trustwatch/store';

/** The part of the store crash recovery uses: positions recorded with the state they produced. */
export type ResumePositions = Pick<TrustStore, 'resumeOffsets' | 'recordProgress'>;

/** The bus's seek-on-assignment hook, fed from the store. */
export type StartOffsets = NonNullable<ConsumeOptions['startOffsets']>;

/**
 * Where the store's own state says each partition resumes, for the bus to seek to on assignment.
 *
 * The store records a record's position in the same round trip as the effects it produced, so after a
 * Redis crash that lost the last second of writes (AOF everysec) or a restore from an older snapshot,
 * the recorded position is exactly as old as the surviving state, while Kafka's committed offset may be
 * ahead of both. The bus rewinds only partitions whose value is below the committed offset; the events
 * in between are handled again, and the store's dedupe drops any whose effects did survive.
 *
 * A partition with no recorded position resumes at 0: the surviving state holds nothing from it (the
 * engine records a position for every partition it handles, see {@link createIdleProgress}), so its
 * whole retained log is owed. Kafka clamps 0 to the log start offset. Partitions are counted from the
 * topic catalog (`specs`): pass the same overrides the bus was given.
 */
export function storeStartOffsets(
  store: ResumePositions,
  log: Logger,
  specs: readonly TopicSpec[] = topicCatalog(),
): StartOffsets {
  const partitions = new Map(specs.map((spec) => [spec.name, spec.partitions]));
  return async (topic) => {
    const recorded = await store.resumeOffsets(topic);
    const offsets = new Map<number, string>();
    for (let partition = 0; partition < (partitions.get(topic) ?? 0); partition += 1)
      offsets.set(partition, recorded.get(partition) ?? '0');
    for (const [partition, offset] of recorded) offsets.set(partition, offset);
    log.debug({ topic, offsets: Object.fromEntries(offsets) }, 'store resume offsets read');
    return offsets;
  };
}

/**
 * Records the position of events that applied no customer effects (the store records the others with
 * their effects), at most once per `intervalMs` per partition. Without it a partition of no-op events
 * would have no position and be re-read from its start after every rebalance; throttled, because a
 * stream of unchanged firmware snapshots should not pay a round trip each. A position recorded late is
 * only conservative: the events after it are handled again, as duplicates.
 */
export function createIdleProgress(
  store: ResumePositions,
  intervalMs = 1000,
  now: () => number = Date.now,
): (position: KafkaPosition) => Promise<void> {
  const lastRecorded = new Map<string, number>();
  return async (position) => {
    const key = `${position.topic}/${String(position.partition)}`;
    const at = now();
    const last = lastRecorded.get(key);
    if (last !== undefined && at - last < intervalMs) return;
    await store.recordProgress(position);
    lastRecorded.set(key, at);
  };
}
