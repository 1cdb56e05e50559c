import { processBatch, type BatchCursor } from '../runner/process-batch.js';
import type { RecordWork, RunnerDeps } from '../runner/process-record.js';
import { sleep } from '../runner/retry.js';
import type { MemoryTopic } from './memory-topic.js';

/** One consumer in a group: what it reads and how it processes a record. */
export interface MemoryMember {
  readonly id: number;
  readonly topics: readonly MemoryTopic[];
  readonly work: (topic: MemoryTopic) => RecordWork<unknown>;
  readonly deps: RunnerDeps;
  readonly abort: AbortController;
  readonly isHealthy?: () => Promise<boolean>;
  /** See `ConsumeOptions.startOffsets`: asked for each topic whenever partitions are assigned to the member. */
  readonly startOffsets?: (topic: MemoryTopic) => Promise<ReadonlyMap<number, string>>;
  inFlight: number;
}

// How long an idle partition worker waits before looking again; appends wake it sooner.
const IDLE_POLL_MS = 50;

/**
 * A consumer group: committed offsets per partition, partitions spread over members, and one worker per
 * partition so records of a partition are handled one at a time, in order, whichever member owns it.
 */
export class MemoryGroup {
  private readonly committed = new Map<string, number>();
  private readonly members: MemoryMember[] = [];
  private readonly workers = new Map<string, Promise<void>>();
  private assignment = new Map<string, MemoryMember>();
  /** Partitions whose new owner is still rewinding: nothing is delivered from them until it has finished. */
  private readonly rewinding = new Map<string, Promise<void>>();

  constructor(readonly groupId: string) {}

  committedOffset(topic: string, partition: number): number | undefined {
    return this.committed.get(`${topic}/${partition}`);
  }

  join(member: MemoryMember): void {
    this.members.push(member);
    this.rebalance();
    for (const topic of member.topics) {
      for (let partition = 0; partition < topic.partitions.length; partition += 1)
        this.startWorker(topic, partition);
    }
  }

  /** Removes a member and waits until none of its records is in flight. */
  async leave(member: MemoryMember): Promise<void> {
    member.abort.abort();
    const index = this.members.indexOf(member);
    if (index >= 0) this.members.splice(index, 1);
    this.rebalance();
    while (member.inFlight > 0) await sleep(5);
  }

  /** Round-robin over members, per topic, in join order: every subscribed partition gets one owner. */
  private rebalance(): void {
    const previous = this.assignment;
    const next = new Map<string, MemoryMember>();
    const topics = new Map<string, MemoryTopic>();
    for (const member of this.members)
      for (const topic of member.topics) topics.set(topic.physicalName, topic);
    for (const topic of topics.values()) {
      const owners = this.members.filter((member) => member.topics.includes(topic));
      for (let partition = 0; partition < topic.partitions.length; partition += 1) {
        const owner = owners[partition % owners.length];
        if (owner !== undefined) next.set(`${topic.physicalName}/${partition}`, owner);
      }
    }
    this.assignment = next;
    const gained = new Map<MemoryMember, Set<string>>();
    for (const [key, owner] of next) {
      if (previous.get(key) === owner) continue;
      const keys = gained.get(owner) ?? new Set<string>();
      gained.set(owner, keys.add(key));
    }
    for (const [owner, keys] of gained) this.holdForRewind(owner, keys);
  }

  private holdForRewind(owner: MemoryMember, keys: ReadonlySet<string>): void {
    if (owner.startOffsets === undefined) return;
    const rewound = this.rewind(owner, keys).finally(() => {
      for (const key of keys) if (this.rewinding.get(key) === rewound) this.rewinding.delete(key);
    });
    for (const key of keys) this.rewinding.set(key, rewound);
  }

  /** Kafka's seek-on-assignment: moves a gained partition back to where the member's own state resumes. */
  private async rewind(member: MemoryMember, keys: ReadonlySet<string>): Promise<void> {
    if (member.startOffsets === undefined) return;
    for (const topic of member.topics) {
      let starts: ReadonlyMap<number, string> | undefined;
      // Without the rewind the lost tail stays lost: ask again after each pause until the member leaves.
      while (starts === undefined) {
        starts = await member.startOffsets(topic).catch((error: unknown) => {
          member.deps.log.error(
            { err: error, topic: topic.spec.name },
            'start offsets unavailable; asking again',
          );
          return undefined;
        });
        if (starts === undefined && !(await sleep(member.deps.policy.pauseMs, member.abort.signal))) return;
      }
      for (const [partition, offset] of starts) {
        const key = `${topic.physicalName}/${partition}`;
        const start = Number(offset);
        if (!keys.has(key) || this.assignment.get(key) !== member) continue;
        if (start < (this.committed.get(key) ?? 0)) this.committed.set(key, start);
      }
    }
  }

  private startWorker(topic: MemoryTopic, partition: number): void {
    const key = `${topic.physicalName}/${partition}`;
    if (this.workers.has(key)) return;
    const worker = this.runPartition(topic, partition, key).finally(() => {
      this.workers.delete(key);
      // A member may have joined between the worker's last look and its exit.
      if (this.assignment.has(key)) this.startWorker(topic, partition);
    });
    this.workers.set(key, worker);
  }

  private async runPartition(topic: MemoryTopic, partition: number, key: string): Promise<void> {
    const records = topic.partitions[partition] ?? [];
    for (;;) {
      const owner = this.assignment.get(key);
      if (owner === undefined) return;
      const rewound = this.rewinding.get(key);
      if (rewound !== undefined) {
        // As Kafka's paused fetch: a record past the committed offset must not overtake the rewound tail.
        await rewound;
        continue;
      }
      const offset = this.committed.get(key) ?? 0;
      owner.deps.metrics.setLag(topic.physicalName, partition, records.length - offset);
      if (offset >= records.length) {
        await topic.waitForAppend(IDLE_POLL_MS);
        continue;
      }
      const work = owner.work(topic);
      // What is there, in one go, as a Kafka fetch would return it; one record at a time without a batch handler.
      const end = Math.min(records.length, offset + (work.batch?.maxSize ?? 1));
      const fetched = records.slice(offset, end).map((stored, i) => ({
        ...stored,
        topic: topic.spec.name,
        partition,
        offset: String(offset + i),
      }));
      owner.inFlight += 1;
      const verdict = await processBatch(fetched, work, owner.deps, this.cursor(key, owner, offset)).finally(
        () => {
          owner.inFlight -= 1;
        },
      );
      if (verdict.kind === 'done' || owner.abort.signal.aborted) continue;
      owner.deps.metrics.increment('paused');
      await this.pause(owner);
    }
  }

  /**
   * Moves the partition's committed offset as records are done. Unless a rewind moved the partition
   * meanwhile: then the rewound position wins, as after a Kafka seek, and the rest of the fetch is dropped.
   */
  private cursor(key: string, owner: MemoryMember, from: number): BatchCursor {
    let next = from;
    return {
      active: () =>
        this.assignment.get(key) === owner &&
        !this.rewinding.has(key) &&
        (this.committed.get(key) ?? 0) === next,
      advance: (lastOffset) => {
        if ((this.committed.get(key) ?? 0) === next) this.committed.set(key, Number(lastOffset) + 1);
        next = Number(lastOffset) + 1;
        return Promise.resolve();
      },
    };
  }

  /** Backpressure: nothing is fetched from the partition until the pause is over and the owner is healthy. */
  private async pause(owner: MemoryMember): Promise<void> {
    const { signal } = owner.abort;
    do {
      if (!(await sleep(owner.deps.policy.pauseMs, signal))) return;
    } while (owner.isHealthy !== undefined && !(await owner.isHealthy().catch(() => false)));
  }
}
