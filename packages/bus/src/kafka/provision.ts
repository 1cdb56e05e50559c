import type { Admin } from 'kafkajs';
import { BusError } from '../errors.js';
import { sleep } from '../runner/retry.js';
import type { TopicCatalog, TopicSpec } from '../topics.js';

/** Creates the missing topics of `specs` with their catalog settings; existing topics are left alone. */
export async function provisionTopics(
  admin: Admin,
  catalog: TopicCatalog,
  specs: readonly TopicSpec[],
  replicationFactor?: number,
): Promise<void> {
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(catalog.physical(spec.name)));
    if (missing.length === 0) return;
    await admin.createTopics({
      // kafkajs's own wait retries only LEADER_NOT_AVAILABLE, but a KRaft broker may first answer
      // UNKNOWN_TOPIC_OR_PARTITION for a topic it just created: waited for below instead.
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: catalog.physical(spec.name),
        numPartitions: spec.partitions,
        ...(replicationFactor === undefined ? {} : { replicationFactor }),
        configEntries: [
          { name: 'retention.ms', value: String(spec.retentionMs) },
          { name: 'cleanup.policy', value: spec.cleanupPolicy },
          { name: 'max.message.bytes', value: String(spec.maxMessageBytes) },
        ],
      })),
    });
    await waitForLeaders(
      admin,
      missing.map((spec) => catalog.physical(spec.name)),
    );
  } catch (error) {
    throw new BusError('ADMIN_FAILED', 'creating topics failed', error);
  }
}

// Topic creation on a busy single-node broker takes well under a second; ten is generous.
const LEADER_WAIT_MS = 10_000;

/** Resolves once every partition of `topics` has a serving leader; rethrows the last answer after the deadline. */
async function waitForLeaders(admin: Admin, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      const ready = metadata.topics.every(
        (topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0),
      );
      // A KRaft broker names a leader in its metadata before that leader serves the partition, so a
      // publish right after creation can still meet NOT_LEADER_OR_FOLLOWER. Listing offsets is answered
      // only by a serving leader: once it succeeds for every topic, a publish lands.
      if (ready) {
        await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
        return;
      }
      if (Date.now() > deadline) throw new Error(`topic leaders not elected within ${LEADER_WAIT_MS} ms`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(100);
  }
}
