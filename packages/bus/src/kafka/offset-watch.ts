import type { Admin, Consumer, IMemberAssignment } from 'kafkajs';
import type { Logger } from 'pino';
import type { BusMetrics } from '../metrics.js';
import type { TopicCatalog, TopicName } from '../topics.js';

/** Committed offset per partition of one topic; Kafka's `-1` ("nothing committed") left out. */
async function committedByPartition(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = new Map<number, bigint>();
  for (const { partition, offset } of entry?.partitions ?? [])
    if (offset !== '-1') committed.set(partition, BigInt(offset));
  return committed;
}

/**
 * Seeks each assigned partition back to where the handler's own state resumes when that is below the
 * group's committed offset (see `ConsumeOptions.startOffsets`). kafkajs commits a seek at once, so the
 * rewind survives a crash right after it.
 */
export async function rewindAssigned(
  admin: Admin,
  consumer: Consumer,
  groupId: string,
  assignment: IMemberAssignment,
  catalog: TopicCatalog,
  startOffsets: (topic: TopicName) => Promise<ReadonlyMap<number, string>>,
  log: Logger,
): Promise<void> {
  for (const [topic, partitions] of Object.entries(assignment)) {
    const starts = await startOffsets(catalog.logical(topic).name);
    const committed = await committedByPartition(admin, groupId, topic);
    for (const partition of partitions) {
      const start = starts.get(partition);
      const current = committed.get(partition);
      // Nothing committed: the group starts from the beginning anyway, below any start offset.
      if (start === undefined || current === undefined || BigInt(start) >= current) continue;
      log.warn(
        { topic, partition, from: String(current), to: start },
        'rewinding to the state’s resume offset',
      );
      consumer.seek({ topic, partition, offset: start });
    }
  }
}

interface Position {
  committed: bigint;
  since: number;
}

/**
 * The broker's view of progress, for the watchdog: per assigned partition, the high watermark against the
 * group's committed offset. It sees a member that stopped fetching altogether (kafkajs#659), which the
 * batch loop, never called, cannot report.
 */
/** What the member was doing, for the watchdog. */
export interface MemberActivity {
  /** When the member last finished a record on any partition. */
  readonly last: number;
  /** Per partition whose batch is being handled now (`topic/partition`): when that batch last progressed. */
  readonly running?: ReadonlyMap<string, number>;
}

export class LagWatch {
  private readonly positions = new Map<string, Position>();

  constructor(
    private readonly groupId: string,
    private readonly watchdogMs: number,
    private readonly metrics: BusMetrics,
  ) {}

  reset(): void {
    this.positions.clear();
  }

  /**
   * Describes the first assigned, unpaused partition with lag whose committed offset has not moved for
   * `watchdogMs` while the member finished no record at all (`activity.last`), or returns undefined. The
   * second condition spares a partition that waits behind a long batch of another one. A partition whose
   * own batch is being handled is judged by that batch's progress alone: with partitions handled at
   * once, records finishing elsewhere would otherwise hide a handler that hangs.
   */
  async stalled(
    admin: Admin,
    assignment: IMemberAssignment,
    paused: ReadonlySet<string>,
    activity: MemberActivity,
    now: () => number = Date.now,
  ): Promise<string | undefined> {
    for (const [topic, partitions] of Object.entries(assignment)) {
      const watermarks = await admin.fetchTopicOffsets(topic);
      const committed = await committedByPartition(admin, this.groupId, topic);
      for (const partition of partitions) {
        const key = `${topic}/${partition}`;
        const marks = watermarks.find((entry) => entry.partition === partition);
        if (marks === undefined) continue;
        const position = committed.get(partition) ?? BigInt(marks.low);
        const lag = BigInt(marks.high) - position;
        this.metrics.setLag(topic, partition, Number(lag));
        const seen = this.positions.get(key);
        if (lag <= 0n || paused.has(key) || seen?.committed !== position) {
          this.positions.set(key, { committed: position, since: now() });
          continue;
        }
        const idleMs = now() - Math.max(seen.since, activity.running?.get(key) ?? activity.last);
        if (idleMs > this.watchdogMs) return `no progress on ${key} for ${idleMs} ms with lag ${lag}`;
      }
    }
    return undefined;
  }
}
