import type { RawRecord } from '../port.js';
import type { TopicSpec } from '../topics.js';
import { partitionForKey } from './murmur2.js';

/** A topic held in memory: append-only partitions and a wake-up for consumers waiting on new records. */
export class MemoryTopic {
  readonly partitions: RawRecord[][];
  private waiters: (() => void)[] = [];
  private roundRobin = 0;

  constructor(
    readonly spec: TopicSpec,
    readonly physicalName: string,
  ) {
    this.partitions = Array.from({ length: spec.partitions }, () => []);
  }

  append(records: readonly RawRecord[]): void {
    for (const record of records) {
      const partition =
        record.key === null
          ? this.roundRobin++ % this.partitions.length
          : partitionForKey(record.key, this.partitions.length);
      // Copies, so a producer reusing its buffers cannot change what was "written".
      this.partitions[partition]?.push({
        key: record.key,
        value: record.value === null ? null : Buffer.from(record.value),
        headers: { ...record.headers },
      });
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when records are appended, or after `ms` at the latest. */
  async waitForAppend(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
