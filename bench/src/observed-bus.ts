import {
  decorateBus,
  type BatchItem,
  type ConsumeOptions,
  type EventBus,
  type HandlerContext,
} from '@trustwatch/bus';
import type { TrustwatchEvent } from '@trustwatch/schemas';

/**
 * Called around the handler's work. A unit is what the bus hands over at once: one event on the
 * per-record path, or a run of one partition's fetched events on the batch path (`handleBatch`).
 */
export interface HandlerHooks {
  /** A unit starts; `event` is its first (for a batch, `batch` has seen the whole run just before). */
  before?(event: TrustwatchEvent, context: HandlerContext): void;
  /** One event is done: called for every event of a unit once the unit returned. */
  after(event: TrustwatchEvent, context: HandlerContext): void;
  /** A unit returned after `ms` in the handler. */
  unitDone?(ms: number): void;
  /** A run was handed to the batch path (`handleBatch`), before it starts. */
  batch?(items: readonly BatchItem[]): void;
  /** Time one `publish` took (the engine's trust.changed), ms. */
  published?(ms: number): void;
}

/** Consumer settings the bench imposes on the service it observes (the service's own otherwise). */
export interface ConsumeOverrides {
  /** Longest run handed to the batch path; 1 makes every unit a single event. */
  readonly maxBatchSize?: number;
}

function observeConsume(
  options: ConsumeOptions,
  hooks: HandlerHooks,
  overrides: ConsumeOverrides,
): ConsumeOptions {
  const observed: ConsumeOptions = {
    ...options,
    ...overrides,
    handle: async (event, context) => {
      const start = performance.now();
      hooks.before?.(event, context);
      const outcome = await options.handle(event, context);
      hooks.unitDone?.(performance.now() - start);
      hooks.after(event, context);
      return outcome;
    },
  };
  const handleBatch = options.handleBatch;
  if (handleBatch === undefined) return observed;
  return { ...observed, handleBatch: observeBatch(handleBatch, hooks) };
}

/** A batch handler wrapped to report its run (`batch`, `before`, `unitDone`, then `after` per event). */
export function observeBatch(
  handleBatch: (items: readonly BatchItem[]) => Promise<void>,
  hooks: HandlerHooks,
): (items: readonly BatchItem[]) => Promise<void> {
  return async (items) => {
    const first = items[0];
    if (first === undefined) return handleBatch(items);
    const start = performance.now();
    hooks.batch?.(items);
    hooks.before?.(first.event, first.context);
    await handleBatch(items);
    hooks.unitDone?.(performance.now() - start);
    for (const item of items) hooks.after(item.event, item.context);
  };
}

/**
 * The same bus, with every consumer's handlers (per-record and batch) wrapped to report when each
 * event was done and every publish timed: how the bench times the real services (`startTrustEngine`)
 * without changing them. `overrides` replace the service's consumer settings (the fan-out phase cuts
 * runs at one event).
 */
export function observeBus(bus: EventBus, hooks: HandlerHooks, overrides: ConsumeOverrides = {}): EventBus {
  return decorateBus(bus, {
    publish: async (topic, events) => {
      const start = performance.now();
      await bus.publish(topic, events);
      hooks.published?.(performance.now() - start);
    },
    consume: (options) => bus.consume(observeConsume(options, hooks, overrides)),
  });
}
