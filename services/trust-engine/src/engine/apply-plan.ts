import {
  createEvent,
  stableId,
  type Factor,
  type SharedFactor,
  type TrustChanged,
} from '@trustwatch/schemas';
import { slotChangeWrites, type Policy } from '@trustwatch/scoring';
import type { EventBus } from '@trustwatch/bus';
import type { CustomerEffects, CustomerSnapshot, KafkaPosition, TrustStore } from '@trustwatch/store';
import type { Logger } from '@trustwatch/logging';
import type { DecaySchedule } from '../decay/decay-schedule.js';
import type { CustomerPlan, EventPlan } from './plan.js';
import { evaluationInstant, type RescoreInput } from './rescore.js';
import { createRescoreCache, scoreOnce, type Scored } from './rescore-cache.js';
import { fanOutSettled, type SettledOutcome } from './fan-out-settled.js';
import { mapInBatches } from './batches.js';
import type { CustomerLocks, Hold } from './customer-locks.js';

/** Where the engine writes: the store, the bus (trust.changed) and the decay schedule. */
export interface ApplyDeps {
  readonly store: TrustStore;
  readonly bus: EventBus;
  readonly policy: Policy;
  readonly schedule: DecaySchedule;
  readonly log: Logger;
  /** The `source` of published trust.changed events. */
  readonly source: string;
  /** Holds each applied customer until its change is published (see `CustomerLocks`). */
  readonly locks: CustomerLocks;
  /**
   * Takes the changes instead of publishing them, for a caller that publishes them itself, in the order
   * they were collected (a batch run overlaps a wave's publish with the next wave's planning, see
   * `createBatchHandler`); it releases `hold` once their publish has settled, handing back what failed.
   */
  readonly collect?: (items: readonly PublishItem[], hold: Hold) => void;
}

/** What applying a plan did. */
export interface ApplyReport {
  readonly applied: number;
  readonly duplicates: number;
  readonly published: number;
}

// Each Kafka publish is one batch; bounded so a 5,000-customer fan-out is a few requests, not one huge one.
const PUBLISH_BATCH = 500;
// Concurrent feed reads per round trip when a fan-out is redelivered.
const READ_BATCH = 1000;

/**
 * Scores every customer of the plan and applies the effects through the store's pipelined fan-out
 * (reads of one chunk travel with the applies of the previous one; dedupe inside the store: a
 * redelivered event is a `duplicate` and writes nothing; a customer another instance changed since
 * the read is a `conflict`, read and scored again, see `fanOutSettled`), then publishes `trust.changed` for each
 * applied change. Ids are deterministic (customer + event), and for a duplicate the change recorded in
 * the feed by the first delivery is published again: a crash between apply and publish loses nothing,
 * and consumers drop the repeat by id.
 */
export function applyPlan(plan: EventPlan, deps: ApplyDeps, position?: KafkaPosition): Promise<ApplyReport> {
  return applyPlans([plan], deps, position);
}

/**
 * Applies several events' plans as one: one fan-out over all their customers, one publish, one decay
 * schedule update, the position (the last event's) recorded once after everything. The plans must touch
 * disjoint customers and shared factors (see `disjointSubset`): each customer's effects carry its own
 * event's dedupe key and version, so a redelivered batch is a duplicate customer by customer. Each
 * customer is held in `deps.locks` from before the apply until its change's publish has settled.
 */
export async function applyPlans(
  plans: readonly EventPlan[],
  deps: ApplyDeps,
  position?: KafkaPosition,
): Promise<ApplyReport> {
  const live = plans.filter((p) => p.customers.length > 0 || p.shared.length > 0);
  const recorded = plans.flatMap((p) =>
    (p.recorded ?? []).map((r) => ({ customerId: r.customerId, feedId: r.feedId, causeKey: p.eventKey })),
  );
  if (live.length === 0 && recorded.length === 0) return { applied: 0, duplicates: 0, published: 0 };
  const sharedById = new Map<string, SharedFactor>(
    live.flatMap((p) => [...(p.bind ?? []), ...p.shared]).map((f) => [f.id, f]),
  );
  const byCustomer = new Map(
    live.flatMap((plan) => plan.customers.map((part) => [part.customerId, { plan, part }] as const)),
  );
  const rescored = new Map<string, Scored>();
  const scorers = new Map<EventPlan, (input: RescoreInput) => Scored>();
  const scorerOf = (plan: EventPlan) => {
    let scorer = scorers.get(plan);
    if (scorer === undefined) {
      scorer =
        plan.customers.length > 1
          ? createRescoreCache(deps.policy)
          : (input: RescoreInput) => scoreOnce(input, deps.policy);
      scorers.set(plan, scorer);
    }
    return scorer;
  };
  const compute = (snapshots: readonly CustomerSnapshot[]): CustomerEffects[] =>
    snapshots.flatMap((snapshot) => {
      const entry = byCustomer.get(snapshot.customerId);
      if (entry === undefined) return [];
      const { plan, part } = entry;
      const factors = factorWrites(part, snapshot);
      const result = scorerOf(plan)({
        snapshot,
        factors,
        exposures: part.exposures,
        shared: sharedById,
        at: evaluationInstant(Math.max(plan.version, part.scoreFrom ?? plan.version), snapshot),
        causeEventIds: [plan.causeEventId],
        policy: deps.policy,
      });
      rescored.set(snapshot.customerId, result);
      return [
        {
          customerId: snapshot.customerId,
          eventId: plan.eventKey,
          version: plan.version,
          ...(factors.length === 0 ? {} : { factors }),
          ...(part.exposures.length === 0 ? {} : { exposures: part.exposures }),
          summary: result.evaluation.summary,
          ...(result.change === null ? {} : { change: result.change }),
          // Two engine instances may apply to one customer at once (a news item on one partition, a
          // firmware change on another): the store applies this only if nobody wrote since the read.
          expectedRevision: snapshot.revision,
        },
      ];
    });
  const settle = async () => {
    const outcomes = await fanOutSettled(deps.store, [...byCustomer.keys()], compute, {
      shared: live.flatMap((plan) => plan.shared.map((factor) => ({ factor, version: plan.version }))),
      ...(position === undefined ? {} : { progress: position }),
    });
    const collected = await changesOf(outcomes, recorded, byCustomer, rescored, deps);
    await deps.schedule.set(
      [...collected.applied].map(([customerId, result]) => ({ customerId, dueAt: result.nextDue })),
    );
    return { ...collected, duplicates: outcomes.length - collected.applied.size };
  };
  // Held from before the read-compare-write until the changes are out (see CustomerLocks); a customer
  // whose change only goes out again (`recorded`) too, so it cannot overtake a change not yet out.
  const hold = await deps.locks.acquire([...byCustomer.keys(), ...recorded.map((r) => r.customerId)]);
  const { changes, applied, duplicates } = await settle().catch((error: unknown) => {
    hold.release(hold.owed);
    throw error;
  });
  // What an earlier holder failed to publish goes first.
  const all = hold.owed.length === 0 ? changes : distinctChanges([...hold.owed, ...changes]);
  if (deps.collect !== undefined) deps.collect(all, hold);
  else await publishHeld(deps, all, hold);
  return { applied: applied.size, duplicates, published: changes.length };
}

/** Publishes `items` and releases `hold`, handing them back to the locks if the publish failed. */
export async function publishHeld(
  deps: Pick<ApplyDeps, 'bus' | 'source'>,
  items: readonly PublishItem[],
  hold: Hold,
): Promise<void> {
  try {
    await publishChanges(deps, items);
  } catch (error) {
    hold.release(items);
    throw error;
  }
  hold.release();
}

/** The first of each change (customer and cause): an owed change may also come back as a duplicate's. */
function distinctChanges(items: readonly PublishItem[]): PublishItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = trustChangedId(item.data.customerId, item.causeKey);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

type Recorded = { readonly customerId: string; readonly feedId: string; readonly causeKey: string };

/** The changes to publish (those recorded by an earlier delivery first) and the customers applied now. */
async function changesOf(
  outcomes: readonly SettledOutcome[],
  recorded: readonly Recorded[],
  byCustomer: ReadonlyMap<string, { readonly plan: EventPlan }>,
  rescored: ReadonlyMap<string, Scored>,
  deps: ApplyDeps,
): Promise<{ changes: PublishItem[]; applied: Map<string, Scored> }> {
  // Changes recorded by an earlier delivery: duplicates found by the apply, and those planning found.
  const repeated = [
    ...recorded,
    ...outcomes.flatMap((o) =>
      o.status === 'duplicate' && o.feedId !== null
        ? [{ customerId: o.customerId, feedId: o.feedId, causeKey: causeKeyOf(byCustomer, o.customerId) }]
        : [],
    ),
  ];
  const entries = await mapInBatches(repeated, READ_BATCH, (d) =>
    deps.store.feedEntry(d.customerId, d.feedId),
  );
  const changes: PublishItem[] = entries.flatMap((data, i) => {
    const causeKey = repeated[i]?.causeKey;
    return data === null || causeKey === undefined ? [] : [{ data, causeKey }];
  });
  const applied = new Map<string, Scored>();
  for (const outcome of outcomes) {
    const result = outcome.status === 'applied' ? rescored.get(outcome.customerId) : undefined;
    if (result === undefined) continue;
    applied.set(outcome.customerId, result);
    if (result.change !== null)
      changes.push({ data: result.change, causeKey: causeKeyOf(byCustomer, outcome.customerId) });
  }
  return { changes, applied };
}

/** The customer factors a plan writes: as planned, or a firmware slot change settled against the store. */
function factorWrites(part: CustomerPlan, snapshot: CustomerSnapshot): readonly Factor[] {
  const change = part.slotChange;
  if (change === undefined) return part.factors;
  return slotChangeWrites(snapshot.factors, part.factors, change.slot, change.at);
}

function causeKeyOf(
  byCustomer: ReadonlyMap<string, { readonly plan: EventPlan }>,
  customerId: string,
): string {
  const entry = byCustomer.get(customerId);
  // fanOutSettled reports only customers it was given: every outcome has its plan.
  if (entry === undefined) throw new Error(`no plan for customer ${customerId}`);
  return entry.plan.eventKey;
}

/** The id of the trust change one cause made for one customer: the same on every redelivery. */
export function trustChangedId(customerId: string, causeKey: string): string {
  return stableId('tc', customerId, causeKey);
}

/** A trust change to publish and the cause its id derives from. */
export interface PublishItem {
  readonly data: TrustChanged;
  readonly causeKey: string;
}

/** Publishes trust changes in bounded batches, keyed by customer id (the event's partition key). */
export async function publishChanges(
  deps: Pick<ApplyDeps, 'bus' | 'source'>,
  items: readonly PublishItem[],
): Promise<void> {
  const events = items.map(({ data, causeKey }) =>
    createEvent({
      type: 'com.trustwatch.trust.changed.v1',
      source: deps.source,
      id: trustChangedId(data.customerId, causeKey),
      time: data.at,
      subject: data.customerId,
      data,
    }),
  );
  for (let i = 0; i < events.length; i += PUBLISH_BATCH) {
    await deps.bus.publish('trust.changed', events.slice(i, i + PUBLISH_BATCH));
  }
}
