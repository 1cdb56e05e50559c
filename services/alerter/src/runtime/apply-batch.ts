import type { BatchItem } from '@trustwatch/bus';
import { forEachBounded } from '../delivery/bounded.js';

// Customers applied at a time within one fetched run: each apply is two round trips of its own (read,
// revision-checked commit), and different customers never touch the same keys.
const CUSTOMERS_IN_FLIGHT = 32;

/**
 * A run of one partition's events, split by customer: each customer's changes in offset order, different
 * customers concurrently. Rethrows the first failure after every customer settled, so the bus hands the
 * run to the per-event path, where the changes already applied are duplicates (their markers are
 * committed) and the failing one gets the usual retry and dead-letter handling.
 */
export async function applyByCustomer(
  items: readonly BatchItem[],
  customerOf: (item: BatchItem) => string,
  apply: (item: BatchItem) => Promise<void>,
): Promise<void> {
  const byCustomer = new Map<string, BatchItem[]>();
  for (const item of items) {
    const customer = customerOf(item);
    const list = byCustomer.get(customer);
    if (list === undefined) byCustomer.set(customer, [item]);
    else list.push(item);
  }
  let failure: { error: unknown } | undefined;
  await forEachBounded([...byCustomer.values()], CUSTOMERS_IN_FLIGHT, async (list) => {
    try {
      for (const item of list) await apply(item);
    } catch (error) {
      failure ??= { error };
    }
  });
  if (failure !== undefined) throw failure.error;
}
