import { createKafkaBus, type EventBus, type EventTopic, type TopicOverrides } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import { isRetriable } from '@trustwatch/schemas';
import { ENGINE_TOPICS } from '@trustwatch/trust-engine';
import { sleep } from './rate.js';
import type { BenchContext } from './context.js';
import type { TopicEvents } from './workload.js';

/** The input topics the bench loads: all six partitions, as firmware.changed has in the catalog. */
export const INPUT_TOPICS = ['firmware.changed', 'supplier.changed', 'news.classified'] as const;
const OVERRIDES: TopicOverrides = Object.fromEntries(INPUT_TOPICS.map((t) => [t, { partitions: 6 }]));
// Records per produce request: large enough to load quickly, small enough for the 1 MiB request limit.
const PUBLISH_BATCH = 250;

/** A bus on the run's own topic namespace, with the production adapter and its default tuning. */
export function openBus(brokers: readonly string[], namespace: string, logger: Logger): EventBus {
  return createKafkaBus({
    brokers,
    clientId: 'trustwatch-bench',
    namespace,
    logger,
    topicOverrides: OVERRIDES,
  });
}

/**
 * Creates the engine's topics (and trust.changed, which it writes) and produces the events, batch by batch.
 * A loaded broker may report a new partition's leader late: creation is retried a few times.
 */
export async function preload(bus: EventBus, events: TopicEvents): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
      break;
    } catch (error) {
      if (attempt >= 5 || !isRetriable(error)) throw error;
      await sleep(500 * attempt);
    }
  }
  for (const [topic, list] of events) {
    for (let i = 0; i < list.length; i += PUBLISH_BATCH) {
      await bus.publish(topic, list.slice(i, i + PUBLISH_BATCH));
    }
  }
}

export function topicsOf(events: TopicEvents): EventTopic[] {
  return [...events.keys()];
}

/** Events produced to their own topic namespace, ready for any number of consumer groups. */
export interface LoadedTopics {
  readonly namespace: string;
  readonly events: TopicEvents;
}

/** Produces a workload under `<run namespace><name>.`; the run deletes the topics at its end. */
export async function loadTopics(
  ctx: BenchContext,
  name: string,
  events: TopicEvents,
): Promise<LoadedTopics> {
  const namespace = `${ctx.namespace}${name}.`;
  ctx.namespaces.push(namespace);
  const bus = openBus(ctx.config.kafkaBrokers, namespace, ctx.quietLog);
  try {
    await preload(bus, events);
  } finally {
    await bus.close();
  }
  return { namespace, events };
}

/** Deletes every topic of the given namespaces (each bus deletes only its own namespace's catalog). */
export async function deleteNamespaces(ctx: BenchContext): Promise<void> {
  for (const namespace of ctx.namespaces.splice(0)) {
    const bus = openBus(ctx.config.kafkaBrokers, namespace, ctx.quietLog);
    await bus.close();
    await bus.deleteTopics();
  }
}
