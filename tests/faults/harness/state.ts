import type { TrustStore } from '@trustwatch/store';
import type { Portfolio } from './event-set.js';

// The portfolio's fleet version: older than any event, so every event applies to it.
const FLEET_VERSION = Date.parse('2030-01-01T00:00:00Z');

/** Writes every fleet and supplier link of the portfolio into a store. */
export async function seedPortfolio(store: TrustStore, portfolio: Portfolio): Promise<void> {
  for (const [customerId, assets] of portfolio.customers) {
    await store.replaceFleet(customerId, assets, FLEET_VERSION);
  }
  for (const link of portfolio.suppliers) await store.linkSupplier(link, true);
}

/**
 * One customer's trust in the form that must not depend on which instance applied what, in which
 * interleaving of partitions, or how often: the summary's instant and scores, every factor's identity,
 * status, reassessment count and exposure, and the feed entries by the events that caused them.
 */
export interface ComparableState {
  readonly at: string | null;
  readonly overall: number | null;
  readonly vendors: readonly (readonly [string, number])[];
  readonly factors: readonly string[];
  readonly feed: readonly string[];
}

/** Every customer's comparable state, in customer order. */
export async function trustState(
  store: TrustStore,
  customerIds: Iterable<string>,
): Promise<Record<string, ComparableState>> {
  const out: Record<string, ComparableState> = {};
  for (const customerId of [...customerIds].sort()) {
    const summary = await store.getSummary(customerId);
    const factors = await store.getFactors(customerId);
    const feed: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await store.feed(customerId, { limit: 500, ...(before === undefined ? {} : { before }) });
      // The entry's cursor is the store's own; what it records is identified by the events behind it.
      feed.push(...page.entries.map((entry) => [...entry.change.causeEventIds].sort().join('+')));
      if (page.next === null) break;
      before = page.next;
    }
    out[customerId] = {
      at: summary?.at ?? null,
      overall: summary?.overall.score ?? null,
      vendors: (summary?.vendors ?? []).map((v) => [v.vendorId, v.score] as const).sort(),
      factors: factors
        .map((f) => `${f.id}|${f.status}|${String(f.reassessments.length)}|${JSON.stringify(f.exposure)}`)
        .sort(),
      feed: feed.sort(),
    };
  }
  return out;
}

/** What differs between an expected and an actual state, customer by customer. */
export interface StateDiff {
  /** Customers whose state differs in any way. */
  readonly customers: string[];
  /** Oracle factors absent from the actual state (effects lost). */
  readonly missingFactors: number;
  /** Oracle feed entries absent from the actual state (trust changes lost). */
  readonly missingFeed: number;
  /** Feed entries beyond the oracle's (a trust change recorded twice, or one the oracle never made). */
  readonly extraFeed: number;
}

export function diffStates(
  expected: Record<string, ComparableState>,
  actual: Record<string, ComparableState>,
): StateDiff {
  const diff = { customers: [] as string[], missingFactors: 0, missingFeed: 0, extraFeed: 0 };
  for (const [customerId, want] of Object.entries(expected)) {
    const got = actual[customerId];
    if (JSON.stringify(got) !== JSON.stringify(want)) diff.customers.push(customerId);
    const gotFactors = new Set(got?.factors ?? []);
    diff.missingFactors += want.factors.filter((f) => !gotFactors.has(f)).length;
    const counts = new Map<string, number>();
    for (const id of want.feed) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const id of got?.feed ?? []) counts.set(id, (counts.get(id) ?? 0) - 1);
    for (const left of counts.values()) {
      if (left > 0) diff.missingFeed += left;
      if (left < 0) diff.extraFeed -= left;
    }
  }
  return diff;
}
