import type { EventBus, HandlerContext } from '@trustwatch/bus';
import type { TrustwatchEvent } from '@trustwatch/schemas';

/** Called around each handled event: `before` as the handler starts, `after` once it returned. */
export interface HandlerHooks {
  before?(event: TrustwatchEvent, context: HandlerContext): void;
  after(event: TrustwatchEvent, context: HandlerContext): void;
  /** Time one `publish` took (the engine's trust.changed), ms. */
  published?(ms: number): void;
}

/**
 * The same bus, with every consumer's handler wrapped to report when each event was done and every
 * publish timed: how the bench times the real engine (`startTrustEngine`) without changing it. Methods are delegated one by one
 * because the adapter keeps them on its prototype.
 */
export function observeBus(bus: EventBus, hooks: HandlerHooks): EventBus {
  return {
    publish: async (topic, events) => {
      const start = performance.now();
      await bus.publish(topic, events);
      hooks.published?.(performance.now() - start);
    },
    publishRaw: (topic, records) => bus.publishRaw(topic, records),
    consume: (options) =>
      bus.consume({
        ...options,
        handle: async (event, context) => {
          hooks.before?.(event, context);
          const outcome = await options.handle(event, context);
          hooks.after(event, context);
          return outcome;
        },
      }),
    consumeRecords: (options) => bus.consumeRecords(options),
    ensureTopics: (topics) => bus.ensureTopics(topics),
    deleteTopics: () => bus.deleteTopics(),
    committedOffsets: (groupId, topic) => bus.committedOffsets(groupId, topic),
    metrics: () => bus.metrics(),
    close: () => bus.close(),
  };
}
