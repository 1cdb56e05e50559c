import type { HandlerContext, HandlerOutcome } from '@trustwatch/bus';
import type { TrustwatchEvent } from '@trustwatch/schemas';
import { applyPlans, publishHeld, type PublishItem } from './apply-plan.js';
import type { Hold } from './customer-locks.js';
import {
  handleOne,
  ignored,
  outcomeOf,
  planEvent,
  positionOf,
  touchesNothing,
  type HandlerDeps,
} from './handle-event.js';
import { disjointSubset, footprintOf, nextWave, type Footprint } from './waves.js';

/** An event of a batch with where it came from (the bus's `BatchItem`). */
export interface BatchEvent {
  readonly event: TrustwatchEvent;
  readonly context: HandlerContext;
}

/**
 * Handles a run of one partition's events with the fewest round trips: events whose planning is
 * independent of every earlier event still waiting (see `nextWave`) are planned at once, so their store
 * reads go out together, and applied as one fan-out. Fan-out events run on their own, as the
 * single-event handler runs them. Each customer sees its events in run order, and the result equals
 * handling the events one by one in order; one outcome per event, in order. The position recorded with
 * each wave is the last event of the run's handled prefix: a restart never skips an event a wave left
 * for later.
 *
 * Each wave's trust.changed records are published as soon as it is applied, and the next wave plans
 * while that publish is in flight; it applies nothing before the publish is acknowledged. So a change is
 * never held back behind a later apply: a failure later in the run (whose events the bus then handles
 * again one by one, possibly reaching other customers) cannot lose it. Runs of other partitions of the
 * topic may go on at the same time (`concurrentPartitions`); one that reaches a customer of this wave
 * waits until the wave's publish is acknowledged (`CustomerLocks`). Another engine instance applying to the same customer cannot
 * overtake it by more than one wave, as before.
 */
export function createBatchHandler(
  deps: HandlerDeps,
): (items: readonly BatchEvent[]) => Promise<HandlerOutcome[]> {
  return async (items) => {
    const publisher = wavePublisher(deps);
    const runDeps: HandlerDeps = { ...deps, collect: publisher.publish };
    const footprints = items.map((item) => footprintOf(item.event));
    const outcomes = new Map<number, HandlerOutcome>();
    let pending = items.map((_, index) => index);
    try {
      while (pending.length > 0) {
        const done = await handleWave(items, footprints, pending, runDeps, publisher.settled);
        for (const [index, outcome] of done) outcomes.set(index, outcome);
        pending = pending.filter((index) => !done.has(index));
      }
    } catch (error) {
      // What was applied goes out before the bus hands the events over again; the run's error is
      // the one to report.
      await publisher.settled().catch(() => undefined);
      throw error;
    }
    await publisher.settled();
    deps.afterApply?.();
    return items.map((_, index) => {
      const outcome = outcomes.get(index);
      // The loop runs until nothing is pending: every event has its outcome.
      if (outcome === undefined) throw new Error(`no outcome for event ${index} of the run`);
      return outcome;
    });
  };
}

/**
 * Publishes each wave's changes without waiting, one publish after the other, in call order, and
 * releases the wave's customers once its publish has settled (before `settled` resolves). After a
 * failed publish the later waves' changes are not sent: they are handed back, owed to the next holder
 * of their customers.
 */
function wavePublisher(deps: HandlerDeps): {
  readonly publish: (items: readonly PublishItem[], hold: Hold) => void;
  /** Resolves once everything handed to `publish` is acknowledged; rejects if any publish failed. */
  readonly settled: () => Promise<void>;
} {
  let inFlight: Promise<void> = Promise.resolve();
  return {
    publish(items, hold) {
      const next = inFlight.then(
        () => publishHeld(deps, items, hold),
        (error: unknown) => {
          hold.release(items);
          throw error;
        },
      );
      // Observed by `settled`; never an unhandled rejection while the next wave plans.
      next.catch(() => undefined);
      inFlight = next;
    },
    settled: () => inFlight,
  };
}

/** Handles the next wave of the pending events, or the part of it that applies together; its outcomes. */
async function handleWave(
  items: readonly BatchEvent[],
  footprints: readonly Footprint[],
  pending: readonly number[],
  deps: HandlerDeps,
  published: () => Promise<void>,
): Promise<Map<number, HandlerOutcome>> {
  const wave = nextWave(footprints, pending);
  const [firstIndex = 0] = wave;
  const first = items[firstIndex];
  if (first === undefined) return new Map();
  if (wave.length === 1) {
    await published();
    // The first pending event: everything before it is handled, so its own position is the prefix's.
    return new Map([
      [firstIndex, await handleOne(first.event, positionOf(first.context), first.context.log, deps)],
    ]);
  }
  const events = wave.map((index) => items[index] ?? first);
  const plans = await Promise.all(events.map((item) => planEvent(item.event, deps) ?? Promise.resolve(null)));
  // Planned while the previous wave's changes were being published; applied only once they are.
  await published();
  const applied = disjointSubset(
    plans.map((plan) => ({
      customerIds: plan?.customers.map((c) => c.customerId) ?? [],
      sharedIds: plan?.shared.map((f) => f.id) ?? [],
    })),
  ).map((k) => ({ index: wave[k] ?? firstIndex, plan: plans[k] ?? null }));
  const handled = new Set(applied.map((a) => a.index));
  const position = positionOf(handledPrefixEnd(items, pending, handled).context);
  const live = applied.flatMap(({ plan }) =>
    plan !== null && (!touchesNothing(plan) || (plan.recorded ?? []).length > 0) ? [plan] : [],
  );
  const report = await applyPlans(live, deps, position);
  if (live.length === 0) await deps.recordIdle?.(position);
  first.context.log.debug(
    { events: applied.length, planned: wave.length, ...report },
    'trust events applied',
  );
  return new Map(
    applied.map(({ index, plan }) => {
      const item = items[index] ?? first;
      return [index, plan === null ? ignored(item.event) : outcomeOf(plan)];
    }),
  );
}

/**
 * The last event of the run's handled prefix once `handled` is: the one before the first pending event
 * it leaves waiting, or the run's last. `handled` holds the first pending event, so the prefix grows.
 */
function handledPrefixEnd(
  items: readonly BatchEvent[],
  pending: readonly number[],
  handled: ReadonlySet<number>,
): BatchEvent {
  const waiting = pending.find((index) => !handled.has(index));
  const end = (waiting ?? items.length) - 1;
  const item = items[end];
  if (item === undefined) throw new Error(`no event at ${end} in a run of ${items.length}`);
  return item;
}
