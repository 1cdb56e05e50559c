import type { EventBus } from '@trustwatch/bus';
import { decodeEvent, type TrustChanged } from '@trustwatch/schemas';

/** A bus whose first publish waits; see {@link firstPublishHeld}. */
export interface HeldPublishBus {
  readonly bus: EventBus;
  /** Trust changes as they reached the bus behind, in order (a failed publish adds none). */
  readonly published: readonly TrustChanged[];
  /** Whether the first publish has been called (and is waiting). */
  held(): boolean;
  /** Lets the first publish go through. */
  open(): void;
  /** Fails the first publish, as a broker that never acknowledged it. */
  fail(error: Error): void;
}

/**
 * A bus whose first publish waits until `open()` or `fail()`; records the trust changes that reach the
 * bus behind, in order. Everything else goes straight through.
 */
export function firstPublishHeld(inner: EventBus): HeldPublishBus {
  const published: TrustChanged[] = [];
  let settle: (error?: Error) => void = () => undefined;
  const settled = new Promise<Error | undefined>((resolve) => {
    settle = resolve;
  });
  let publishes = 0;
  const publish: EventBus['publish'] = async (topic, events) => {
    publishes += 1;
    if (publishes === 1) {
      const error = await settled;
      if (error !== undefined) throw error;
    }
    for (const event of events.map(decodeEvent))
      if (event.type === 'com.trustwatch.trust.changed.v1') published.push(event.data);
    return inner.publish(topic, events);
  };
  const bus = new Proxy(inner, {
    get: (target, property) => {
      if (property === 'publish') return publish;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    bus,
    published,
    held: () => publishes >= 1,
    open: () => settle(),
    fail: (error) => settle(error),
  };
}
