import { decorateBus, type EventBus, type EventTopic } from '@trustwatch/bus';
import type { CloudEvent } from '@trustwatch/schemas';

/**
 * The bus as given, except that every event published on one of `topics` is also handed to `seen` once
 * the publish succeeded. The engine publishes trust.changed before it commits the input event, so once
 * the inputs are committed every change they caused has been seen: no collector, no waiting for quiet.
 */
export function tapBus(
  bus: EventBus,
  topics: readonly EventTopic[],
  seen: (topic: EventTopic, events: readonly CloudEvent[]) => void,
): EventBus {
  return decorateBus(bus, {
    async publish(topic, events) {
      await bus.publish(topic, events);
      if (topics.includes(topic)) seen(topic, events);
    },
  });
}
