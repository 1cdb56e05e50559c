import type { HandlerContext, HandlerOutcome } from '@trustwatch/bus';
import type { TrustwatchEvent } from '@trustwatch/schemas';
import { applyPlans, publishChanges, type PublishItem } from './apply-plan.js';
import {
  handleOne,
  ignored,
  outcomeOf,
  planEvent,
  positionOf,
  touchesNothing,
  type HandlerDeps,
} from './handle-event.js';
import type { EventPlan } from './plan.js';
import { disjointPrefix, footprintOf, waveEnd, type Footprint } from './waves.js';

/** An event of a batch with where it came from (the bus's `BatchItem`). */
export interface BatchEvent {
  readonly event: TrustwatchEvent;
  readonly context: HandlerContext;
}

/**
 * Handles a run of one partition's events, in order, with the fewest round trips: consecutive events
 * whose planning is independent (see `waveEnd`) are planned at once, so their store reads go out
 * together, and applied as one fan-out with one recorded position. Fan-out events run on their own, as
 * the single-event handler runs them. The result equals handling the events one by one in order; one
 * outcome per event, in order.
 *
 * Each wave's trust.changed records are published as soon as it is applied, and the next wave plans
 * while that publish is in flight; it applies nothing before the publish is acknowledged. So a change is
 * never held back behind a later apply: a failure later in the run (whose events the bus then handles
 * again one by one, possibly reaching other customers) cannot lose it, and another engine instance
 * applying to the same customer cannot overtake it by more than one wave, as before.
 */
export function createBatchHandler(
  deps: HandlerDeps,
): (items: readonly BatchEvent[]) => Promise<HandlerOutcome[]> {
  return (items) =>
    deps.serialize(async () => {
      const publisher = wavePublisher(deps);
      const runDeps: HandlerDeps = { ...deps, collect: publisher.publish };
      const footprints = items.map((item) => footprintOf(item.event));
      const outcomes: HandlerOutcome[] = [];
      try {
        let start = 0;
        while (start < items.length) {
          const done = await handleWave(items, footprints, start, runDeps, publisher.settled);
          outcomes.push(...done);
          start += done.length;
        }
      } catch (error) {
        // What was applied goes out before the bus hands the events over again; the run's error is
        // the one to report.
        await publisher.settled().catch(() => undefined);
        throw error;
      }
      await publisher.settled();
      deps.afterApply?.();
      return outcomes;
    });
}

/** Publishes each wave's changes without waiting, one publish after the other, in call order. */
function wavePublisher(deps: HandlerDeps): {
  readonly publish: (items: readonly PublishItem[]) => void;
  /** Resolves once everything handed to `publish` is acknowledged; rejects if any publish failed. */
  readonly settled: () => Promise<void>;
} {
  let inFlight: Promise<void> = Promise.resolve();
  return {
    publish(items) {
      const next = inFlight.then(() => publishChanges(deps, items));
      // Observed by `settled`; never an unhandled rejection while the next wave plans.
      next.catch(() => undefined);
      inFlight = next;
    },
    settled: () => inFlight,
  };
}

/** Handles the wave starting at `start`, or the part of it that applies together; its outcomes. */
async function handleWave(
  items: readonly BatchEvent[],
  footprints: readonly Footprint[],
  start: number,
  deps: HandlerDeps,
  published: () => Promise<void>,
): Promise<HandlerOutcome[]> {
  const first = items[start];
  if (first === undefined) return [];
  const end = waveEnd(footprints, start);
  if (footprints[start]?.kind === 'alone' || end === start + 1) {
    await published();
    return [await handleOne(first.event, positionOf(first.context), first.context.log, deps)];
  }
  const wave = items.slice(start, end);
  const plans = await Promise.all(wave.map((item) => planEvent(item.event, deps) ?? Promise.resolve(null)));
  // Planned while the previous wave's changes were being published; applied only once they are.
  await published();
  const count = disjointPrefix(
    plans.map((plan) => ({
      customerIds: plan?.customers.map((c) => c.customerId) ?? [],
      sharedIds: plan?.shared.map((f) => f.id) ?? [],
    })),
  );
  const applied = plans.slice(0, count);
  const last = wave[count - 1] ?? first;
  const position = positionOf(last.context);
  const live = applied.filter(
    (p): p is EventPlan => p !== null && (!touchesNothing(p) || (p.recorded ?? []).length > 0),
  );
  const report = await applyPlans(live, deps, position);
  if (live.length === 0) await deps.recordIdle?.(position);
  last.context.log.debug({ events: count, planned: wave.length, ...report }, 'trust events applied');
  return applied.map((plan, i) => {
    const item = wave[i] ?? first;
    return plan === null ? ignored(item.event) : outcomeOf(plan);
  });
}
