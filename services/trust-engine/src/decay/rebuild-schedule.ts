import { nextCrossingAt, type Policy } from '@trustwatch/scoring';
import { MAX_READ_LIMIT, type TrustStore } from '@trustwatch/store';
import type { DecaySchedule } from './decay-schedule.js';

/**
 * Fills a decay schedule from the store: every known customer's next crossing, from its stored factors
 * and summary. Run at start-up, it makes an in-memory schedule survive restarts and partition moves:
 * the due times are derived data, so recomputing them loses nothing. Costs one page read and one
 * chunked load per 1,000 customers. Returns the number of customers scheduled.
 */
export async function rebuildSchedule(
  store: TrustStore,
  schedule: DecaySchedule,
  policy: Policy,
): Promise<number> {
  let cursor: string | null = null;
  let scheduled = 0;
  do {
    const page = await store.listCustomers({
      limit: MAX_READ_LIMIT,
      ...(cursor === null ? {} : { cursor }),
    });
    const snapshots = await store.loadCustomers(page.customerIds);
    const entries = snapshots.flatMap((snapshot) => {
      if (snapshot.summary === null) return [];
      const due = nextCrossingAt(snapshot.factors, snapshot.summary, policy);
      return due === null ? [] : [{ customerId: snapshot.customerId, dueAt: Date.parse(due) }];
    });
    await schedule.set(entries);
    scheduled += entries.length;
    cursor = page.next;
  } while (cursor !== null);
  return scheduled;
}
