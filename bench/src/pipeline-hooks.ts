import type { BatchCounter } from './batch-counter.js';
import type { HandlerHooks } from './observed-bus.js';
import type { RateMeter } from './rate.js';
import type { RoundTripCounter } from './redis-link.js';

/** What one engine pass accumulates while the bus hands its events to the engine. */
export interface PassTally {
  readonly roundTrips: RoundTripCounter;
  readonly meter: RateMeter;
  readonly batches: BatchCounter;
  /** Time in the handler and in its trust.changed publishes, ms. */
  readonly spent: { handler: number; publish: number };
}

/**
 * The hooks a pass gives the observed bus: its own bookkeeping first, then the phase's hooks, every one
 * of them (a phase that attributes round trips per event needs `batch` to know how many events the
 * unit that starts next holds). Round trips are counted from the first unit's start, so seeding and the
 * consumer's start-up are not the pass's.
 */
export function passHooks(tally: PassTally, extra: Partial<HandlerHooks> = {}): HandlerHooks {
  const { roundTrips, meter, batches, spent } = tally;
  return {
    batch: (items) => {
      batches.batch(items);
      extra.batch?.(items);
    },
    before: (event, context) => {
      if (meter.count === 0 && !batches.started) roundTrips.reset();
      meter.begin();
      batches.unit();
      extra.before?.(event, context);
    },
    unitDone: (ms) => {
      spent.handler += ms;
      extra.unitDone?.(ms);
    },
    after: (event, context) => {
      meter.mark();
      extra.after?.(event, context);
    },
    published: (ms) => {
      spent.publish += ms;
      extra.published?.(ms);
    },
  };
}
