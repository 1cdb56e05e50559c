import { topicCatalog, TOPIC_NAMES, type EventTopic } from '@trustwatch/bus';

const byType = new Map<string, EventTopic>();
for (const spec of topicCatalog()) {
  const topic = TOPIC_NAMES.find((name) => name === spec.name);
  if (topic === undefined) continue;
  for (const type of spec.eventTypes) byType.set(type, topic);
}

/** The topic an event type travels on, from the one topic catalog; undefined for a type no topic carries. */
export function topicOf(type: string): EventTopic | undefined {
  return byType.get(type);
}
