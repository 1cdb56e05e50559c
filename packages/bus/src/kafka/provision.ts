import type { Admin } from 'kafkajs';
import { BusError } from '../errors.js';
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
      waitForLeaders: true,
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
  } catch (error) {
    throw new BusError('ADMIN_FAILED', 'creating topics failed', error);
  }
}
