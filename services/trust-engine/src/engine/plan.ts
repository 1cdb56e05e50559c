import type { Factor, FactorExposure, SharedFactor } from '@trustwatch/schemas';
import type { SlotLocation } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';

/** What one input event does to one customer before scoring: factors it owns and shared ones it binds. */
export interface CustomerPlan {
  readonly customerId: string;
  /** Customer-owned factors to upsert (new, re-exposed or resolved). */
  readonly factors: readonly Factor[];
  /** Shared factors to bind to this customer, with its exposure to them. */
  readonly exposures: readonly FactorExposure[];
  /**
   * A firmware change of one slot at `at`: `factors` are its findings, written against the customer's
   * stored factors with `slotChangeWrites` (the slot's earlier image findings end, older reports lose).
   */
  readonly slotChange?: { readonly slot: SlotLocation; readonly at: string };
  /**
   * The earliest instant (ms) to score the customer at, when later than the event's: an observation or
   * import that opens an advisory factor occurring later (the advisory was published after the fleet
   * was seen in range, and handled before) scores from the advisory's date, as the advisory's own path
   * would, so the factor counts either way round.
   */
  readonly scoreFrom?: number;
}

/**
 * Everything one input event does, worked out from the event and the exposure index: the shared
 * factors to store once and the customers to re-score. Customers whose bound shared factor was
 * reassessed appear with empty `factors` and `exposures`: they are re-scored all the same.
 */
export interface EventPlan {
  /** Idempotency key of the event (`dedupeKey`): one per CloudEvents source and id. */
  readonly eventKey: string;
  /** The CloudEvents id, listed as the cause of the trust changes. */
  readonly causeEventId: string;
  /** Event time (ms): orders the store's writes, and the earliest instant the customers are scored at. */
  readonly version: number;
  readonly shared: readonly SharedFactor[];
  /**
   * Shared factors already stored that the customers' new exposures bind (a re-imported fleet): scored
   * with, never written back, so a concurrent reassessment of the stored factor is not overwritten.
   */
  readonly bind?: readonly SharedFactor[];
  readonly customers: readonly CustomerPlan[];
  /**
   * Changes this event already recorded (a redelivery) for customers it now finds nothing to do for: a
   * planner that derives its work from the stored state (a snapshot, an advisory) finds its own earlier
   * apply there. They are published again, as a duplicate's are, so a crash or a failed publish between
   * the first apply and its publish loses no trust.changed.
   */
  readonly recorded?: readonly RecordedChange[];
}

/** A feed entry an earlier delivery of the event recorded for a customer. */
export interface RecordedChange {
  readonly customerId: string;
  readonly feedId: string;
}

/**
 * The changes an earlier delivery of the event recorded for these customers (see `EventPlan.recorded`):
 * one dedupe-marker read each, issued together so the store sends them with the planner's other reads.
 */
export async function recordedChanges(
  store: Pick<TrustStore, 'appliedEvent'>,
  customerIds: readonly string[],
  eventKey: string,
): Promise<RecordedChange[]> {
  const applied = await Promise.all(customerIds.map((id) => store.appliedEvent(id, eventKey)));
  return customerIds.flatMap((customerId, i) => {
    const feedId = applied[i]?.feedId;
    return feedId === undefined || feedId === null ? [] : [{ customerId, feedId }];
  });
}

/** A plan that touches nobody. */
export function emptyPlan(eventKey: string, causeEventId: string, version: number): EventPlan {
  return { eventKey, causeEventId, version, shared: [], customers: [] };
}

/**
 * Merges per-customer parts for the same customer into one (a customer of two concerned vendors). For
 * supplier and news parts only: a firmware slot change is one customer's alone and never merged.
 */
export function mergeCustomerPlans(parts: readonly CustomerPlan[]): CustomerPlan[] {
  const byCustomer = new Map<string, { factors: Factor[]; exposures: FactorExposure[] }>();
  for (const part of parts) {
    const entry = byCustomer.get(part.customerId) ?? { factors: [], exposures: [] };
    entry.factors.push(...part.factors);
    entry.exposures.push(...part.exposures);
    byCustomer.set(part.customerId, entry);
  }
  return [...byCustomer]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customerId, entry]) => ({ customerId, ...entry }));
}
