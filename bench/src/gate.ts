import { isDeepStrictEqual } from 'node:util';
import type { TrustStore } from '@trustwatch/store';
import { customerId } from './portfolio.js';

/**
 * What the correctness gate found; numbers count only when `passed`: every event handled, none
 * dead-lettered, every customer's final state equal to the oracle's.
 */
export interface GateResult extends StateComparison {
  readonly passed: boolean;
  readonly deadLettered: number;
  readonly handled: number;
  readonly expected: number;
}

interface CustomerView {
  readonly summary: unknown;
  readonly factors: readonly unknown[];
  readonly feed: number;
}

const CHUNK = 500;

/** Every customer's summary, factors (by id) and feed length, read in chunks of 500. */
export async function customerViews(
  store: TrustStore,
  customers: number,
): Promise<Map<string, CustomerView>> {
  const out = new Map<string, CustomerView>();
  for (let start = 0; start < customers; start += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, customers - start) }, (_, i) => customerId(start + i));
    const snapshots = await store.loadCustomers(ids);
    const feeds = await Promise.all(ids.map((id) => store.feed(id, { limit: 1_000 })));
    snapshots.forEach((snapshot) => {
      const factors = [...snapshot.factors].sort((a, b) => a.id.localeCompare(b.id));
      const feed = feeds[ids.indexOf(snapshot.customerId)]?.entries.length ?? 0;
      out.set(snapshot.customerId, { summary: snapshot.summary, factors, feed });
    });
  }
  return out;
}

/** Customers whose final state differs from the oracle's (first 20 named). */
export interface StateComparison {
  readonly customersCompared: number;
  readonly mismatches: readonly string[];
  readonly mismatchCount: number;
}

/**
 * Compares every customer's summary, factors and feed length with the oracle's. Equal feeds mean each
 * change was recorded once: a double apply would add an entry, a lost one would miss one.
 */
export async function compareState(
  actual: TrustStore,
  oracle: TrustStore,
  customers: number,
): Promise<StateComparison> {
  const [got, want] = await Promise.all([customerViews(actual, customers), customerViews(oracle, customers)]);
  const mismatches: string[] = [];
  for (const [id, expected] of want) {
    const seen = got.get(id);
    if (seen === undefined || !isDeepStrictEqual(seen, expected)) mismatches.push(id);
  }
  return {
    customersCompared: want.size,
    mismatches: mismatches.slice(0, 20),
    mismatchCount: mismatches.length,
  };
}
