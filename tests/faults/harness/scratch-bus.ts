import { createKafkaBus, type EventBus, type EventTopic } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import { integrationTargets, uniqueName } from '@trustwatch/testing';

/**
 * The suite's own Kafka client on the shared broker under a fresh topic namespace, with the given topics
 * created; `cleanups` gets the step that deletes them and disconnects.
 */
export async function openScratchBus(
  label: string,
  topics: readonly EventTopic[],
  log: Logger,
  cleanups: (() => Promise<void>)[],
): Promise<{ bus: EventBus; namespace: string }> {
  const { kafkaBrokers } = integrationTargets();
  const namespace = `${uniqueName(label)}.`;
  const bus = createKafkaBus({
    brokers: [...kafkaBrokers],
    clientId: uniqueName('faults'),
    namespace,
    logger: log,
  });
  cleanups.push(async () => {
    await bus.deleteTopics();
    await bus.close();
  });
  await bus.ensureTopics(topics);
  return { bus, namespace };
}
