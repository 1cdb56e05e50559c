import type { EventOf } from '@trustwatch/schemas';
import { reconcileAdvisories } from '../advisories/advisory-match.js';
import { dedupeKey, millis, type PlanContext } from './context.js';
import { mapInBatches } from './batches.js';
import { recordedChanges, type CustomerPlan, type EventPlan, type RecordedChange } from './plan.js';

type AdvisoryEvent = EventOf<'com.trustwatch.advisory.published.v1'>;

/**
 * An advisory touches exactly the assets whose installed version it affects: every customer of a named
 * vendor is checked product by product, and only those running an affected version get a factor, exposed
 * by the share of their fleet that runs it. The advisory is kept so later upgrades can resolve it.
 */
export async function planAdvisoryPublished(event: AdvisoryEvent, ctx: PlanContext): Promise<EventPlan> {
  const advisory = event.data;
  await ctx.advisories.put({ advisory, eventId: event.id });
  const vendorIds = [...new Set(advisory.affected.map((p) => p.vendorId))];
  const exposures = await Promise.all(vendorIds.map((v) => ctx.store.customersOfVendor(v)));
  const customerIds = [...new Set(exposures.flat().map((e) => e.customerId))].sort();
  const snapshots = await ctx.store.loadCustomers(customerIds);
  const at = new Date(millis(advisory.published)).toISOString();
  const eventKey = dedupeKey(event);
  // Each customer's dedupe marker travels with its components: on a redelivery its factors are stored
  // already, and what the first delivery recorded is published again (see EventPlan.recorded).
  const reads = await mapInBatches(snapshots, 1000, (s) =>
    Promise.all([
      ctx.store.listComponents(s.customerId),
      recordedChanges(ctx.store, [s.customerId], eventKey),
    ]),
  );
  const customers: CustomerPlan[] = [];
  const recorded: RecordedChange[] = [];
  for (const [index, snapshot] of snapshots.entries()) {
    const [components = [], earlier = []] = reads[index] ?? [];
    const factors = reconcileAdvisories({
      customerId: snapshot.customerId,
      advisories: [{ advisory, eventId: event.id }],
      components,
      existing: snapshot.factors,
      at,
      policy: ctx.policy,
    });
    if (factors.length > 0) customers.push({ customerId: snapshot.customerId, factors, exposures: [] });
    else recorded.push(...earlier);
  }
  return { eventKey, causeEventId: event.id, version: millis(at), shared: [], customers, recorded };
}
