import type { EventBus } from './port.js';

/**
 * `bus` with some of its methods replaced; every other call goes to `bus`. Adapters keep their methods
 * on the prototype, so spreading one would lose them: wrappers (taps, recorders, the bench's observers)
 * start from this instead of delegating each method by hand.
 */
export function decorateBus(bus: EventBus, overrides: Partial<EventBus>): EventBus {
  return {
    publish: (topic, events) => bus.publish(topic, events),
    publishRaw: (topic, records) => bus.publishRaw(topic, records),
    consume: (options) => bus.consume(options),
    consumeRecords: (options) => bus.consumeRecords(options),
    ensureTopics: (topics) => bus.ensureTopics(topics),
    deleteTopics: () => bus.deleteTopics(),
    committedOffsets: (groupId, topic) => bus.committedOffsets(groupId, topic),
    metrics: () => bus.metrics(),
    close: () => bus.close(),
    ...overrides,
  };
}
