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
 * The trust.changed records of every wave are published once, at the end of the run, in the order the
 * waves applied them (so each customer's changes stay in order): one broker round trip per run instead
 * of one per wave. Nothing is lost if the run fails or the process dies before that publish: the bus
 * commits the run's offsets only after the handler returns, the events come back, and the store reports
 * them as duplicates, whose recorded changes are published again.
 */
export function createBatchHandler(
  deps: HandlerDeps,
): (items: readonly BatchEvent[]) => Promise<HandlerOutcome[]> {
  return (items) =>
    deps.serialize(async () => {
      const changes: PublishItem[] = [];
      const collect = (collected: readonly PublishItem[]): void => {
        for (const change of collected) changes.push(change);
      };
      const runDeps: HandlerDeps = { ...deps, collect };
      const footprints = items.map((item) => footprintOf(item.event));
      const outcomes: HandlerOutcome[] = [];
      let start = 0;
      while (start < items.length) {
        const done = await handleWave(items, footprints, start, runDeps);
        outcomes.push(...done);
        start += done.length;
      }
      await publishChanges(deps, changes);
      deps.afterApply?.();
      return outcomes;
    });
}

/** Handles the wave starting at `start`, or the part of it that applies together; its outcomes. */
async function handleWave(
  items: readonly BatchEvent[],
  footprints: readonly Footprint[],
  start: number,
  deps: HandlerDeps,
): Promise<HandlerOutcome[]> {
  const first = items[start];
  if (first === undefined) return [];
  const end = waveEnd(footprints, start);
  if (footprints[start]?.kind === 'alone' || end === start + 1)
    return [await handleOne(first.event, positionOf(first.context), first.context.log, deps)];
  const wave = items.slice(start, end);
  const plans = await Promise.all(wave.map((item) => planEvent(item.event, deps) ?? Promise.resolve(null)));
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
