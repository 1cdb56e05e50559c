/** What the ledger remembers about the one record a partition is stuck on. */
export interface StuckRecord {
  readonly offset: string;
  /** Pause cycles this record has caused so far. */
  pauses: number;
  /** Handler attempts over all cycles, for the dead-letter headers. */
  attempts: number;
  readonly firstFailureAt: Date;
}

/**
 * Counts pause cycles per (topic, partition, offset) so a record that fails forever while everything is
 * healthy can be told apart from an outage. A partition is stuck on at most one record at a time (nothing
 * is committed past it), so one entry per partition is enough and the ledger stays bounded.
 */
export class PauseLedger {
  private readonly stuck = new Map<string, StuckRecord>();

  /** The record's entry, started afresh when the partition is now stuck on a different offset. */
  entry(topic: string, partition: number, offset: string, failedAt: Date): StuckRecord {
    const key = `${topic}/${partition}`;
    const current = this.stuck.get(key);
    if (current?.offset === offset) return current;
    const fresh: StuckRecord = { offset, pauses: 0, attempts: 0, firstFailureAt: failedAt };
    this.stuck.set(key, fresh);
    return fresh;
  }

  /** Forgets the partition's stuck record: it was committed or dead-lettered. */
  clear(topic: string, partition: number): void {
    this.stuck.delete(`${topic}/${partition}`);
  }
}
