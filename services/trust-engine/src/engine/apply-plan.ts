import { createEvent, stableId, type SharedFactor, type TrustChanged } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import type { EventBus } from '@trustwatch/bus';
import type { CustomerEffects, CustomerSnapshot, KafkaPosition, TrustStore } from '@trustwatch/store';
import type { Logger } from '@trustwatch/logging';
import type { DecaySchedule } from '../decay/decay-schedule.js';
import type { EventPlan } from './plan.js';
import { evaluationInstant } from './rescore.js';
import { createRescoreCache, type Scored } from './rescore-cache.js';
import { fanOutSettled } from './fan-out-settled.js';
import { mapInBatches } from './batches.js';

/** Where the engine writes: the store, the bus (trust.changed) and the decay schedule. */
export interface ApplyDeps {
  readonly store: TrustStore;
  readonly bus: EventBus;
  readonly policy: Policy;
  readonly schedule: DecaySchedule;
  readonly log: Logger;
  /** The `source` of published trust.changed events. */
  readonly source: string;
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
export async function applyPlan(
  plan: EventPlan,
  deps: ApplyDeps,
  position?: KafkaPosition,
): Promise<ApplyReport> {
  if (plan.customers.length === 0 && plan.shared.length === 0)
    return { applied: 0, duplicates: 0, published: 0 };
  const sharedById = new Map<string, SharedFactor>(
    [...(plan.bind ?? []), ...plan.shared].map((f) => [f.id, f]),
  );
  const byCustomer = new Map(plan.customers.map((c) => [c.customerId, c]));
  const rescored = new Map<string, Scored>();
  const score = createRescoreCache(deps.policy);
  const compute = (snapshots: readonly CustomerSnapshot[]): CustomerEffects[] =>
    snapshots.flatMap((snapshot) => {
      const part = byCustomer.get(snapshot.customerId);
      if (part === undefined) return [];
      const result = score({
        snapshot,
        factors: part.factors,
        exposures: part.exposures,
        shared: sharedById,
        at: evaluationInstant(plan.version, snapshot),
        causeEventIds: [plan.causeEventId],
        policy: deps.policy,
      });
      rescored.set(snapshot.customerId, result);
      return [
        {
          customerId: snapshot.customerId,
          eventId: plan.eventKey,
          version: plan.version,
          ...(part.factors.length === 0 ? {} : { factors: part.factors }),
          ...(part.exposures.length === 0 ? {} : { exposures: part.exposures }),
          summary: result.evaluation.summary,
          ...(result.change === null ? {} : { change: result.change }),
          // Two engine instances may apply to one customer at once (a news item on one partition, a
          // firmware change on another): the store applies this only if nobody wrote since the read.
          expectedRevision: snapshot.revision,
        },
      ];
    });
  const outcomes = await fanOutSettled(deps.store, [...byCustomer.keys()], compute, {
    shared: plan.shared.map((factor) => ({ factor, version: plan.version })),
    ...(position === undefined ? {} : { progress: position }),
  });
  const duplicates = outcomes.flatMap((o) =>
    o.status === 'duplicate' && o.feedId !== null ? [{ customerId: o.customerId, feedId: o.feedId }] : [],
  );
  const recorded = await mapInBatches(duplicates, READ_BATCH, (d) =>
    deps.store.feedEntry(d.customerId, d.feedId),
  );
  const changes = recorded.filter((c): c is TrustChanged => c !== null);
  const applied = new Map<string, Scored>();
  for (const outcome of outcomes) {
    const result = outcome.status === 'applied' ? rescored.get(outcome.customerId) : undefined;
    if (result === undefined) continue;
    applied.set(outcome.customerId, result);
    if (result.change !== null) changes.push(result.change);
  }
  await deps.schedule.set(
    [...applied].map(([customerId, result]) => ({ customerId, dueAt: result.nextDue })),
  );
  await publishChanges(
    deps,
    changes.map((data) => ({ data, causeKey: plan.eventKey })),
  );
  return {
    applied: applied.size,
    duplicates: outcomes.length - applied.size,
    published: changes.length,
  };
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
