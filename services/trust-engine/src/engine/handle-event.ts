import type { EventHandler, HandlerContext, HandlerOutcome } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import type { TrustwatchEvent } from '@trustwatch/schemas';
import type { KafkaPosition } from '@trustwatch/store';
import { planAdvisoryPublished } from './advisory-published.js';
import { applyPlan, type ApplyDeps } from './apply-plan.js';
import type { PlanContext } from './context.js';
import { planFirmwareChanged } from './firmware-changed.js';
import { planFirmwareObserved } from './firmware-observed.js';
import { planFleetChanged } from './fleet-changed.js';
import { planNewsClassified } from './news-classified.js';
import type { EventPlan } from './plan.js';
import { planSupplierChanged } from './supplier-changed.js';

/** The topics the engine consumes. */
export const ENGINE_TOPICS = [
  'firmware.observed',
  'firmware.changed',
  'supplier.changed',
  'news.classified',
  'advisory.published',
  'fleet.changed',
] as const;

export interface HandlerDeps extends ApplyDeps, PlanContext {
  /** Called after each applied event: the decay scheduler looks at the schedule again. */
  readonly afterApply?: () => void;
  /**
   * Records the position of an event that applied nothing (its plan touched no customer and no shared
   * factor), so crash recovery knows the partition was handled this far (see `createIdleProgress`).
   */
  readonly recordIdle?: (position: KafkaPosition) => Promise<void>;
}

/** Works out what an input event does; `null` for an event type the engine does not act on. */
export function planEvent(event: TrustwatchEvent, ctx: PlanContext): Promise<EventPlan> | null {
  switch (event.type) {
    case 'com.trustwatch.firmware.observed.v1':
      return planFirmwareObserved(event, ctx);
    case 'com.trustwatch.firmware.changed.v1':
      return planFirmwareChanged(event, ctx);
    case 'com.trustwatch.supplier.changed.v1':
      return planSupplierChanged(event, ctx);
    case 'com.trustwatch.news.classified.v1':
      return planNewsClassified(event, ctx);
    case 'com.trustwatch.advisory.published.v1':
      return planAdvisoryPublished(event, ctx);
    case 'com.trustwatch.fleet.changed.v1':
      return planFleetChanged(event, ctx);
    // Other services' inputs and the engine's own outputs: nothing to score.
    case 'com.trustwatch.news.published.v1':
    case 'com.trustwatch.trust.changed.v1':
    case 'com.trustwatch.alert.v1':
      return null;
  }
}

/**
 * The bus handler: plan, score, apply, publish. Store and bus errors propagate with their own
 * `retriable` flag, so the bus runner retries infrastructure failures and dead-letters the rest.
 */
export function createEventHandler(deps: HandlerDeps): EventHandler {
  return (event, context) => handleOne(event, positionOf(context), context.log, deps);
}

/** Plans and applies one event on its own (the path of fan-outs, and of every event without a batch). */
export async function handleOne(
  event: TrustwatchEvent,
  position: KafkaPosition,
  log: Logger,
  deps: HandlerDeps,
): Promise<HandlerOutcome> {
  const planning = planEvent(event, deps);
  if (planning === null) return ignored(event);
  const plan = await planning;
  const report = await applyPlan(plan, deps, position);
  if (touchesNothing(plan)) await deps.recordIdle?.(position);
  deps.afterApply?.();
  log.debug({ customers: plan.customers.length, ...report }, 'trust event applied');
  return outcomeOf(plan);
}

/** The outcome the bus counts for an event the engine does not act on. */
export function ignored(event: TrustwatchEvent): HandlerOutcome {
  return { status: 'skipped', reason: `the trust engine ignores ${event.type}` };
}

export function touchesNothing(plan: EventPlan): boolean {
  return plan.customers.length === 0 && plan.shared.length === 0;
}

export function outcomeOf(plan: EventPlan): HandlerOutcome {
  return touchesNothing(plan)
    ? { status: 'skipped', reason: 'the event touches no customer' }
    : { status: 'done' };
}

export function positionOf(context: HandlerContext): KafkaPosition {
  return { topic: context.topic, partition: context.partition, offset: context.offset };
}
