import type { EventOf, SharedFactor } from '@trustwatch/schemas';
import { supplierFactors } from '@trustwatch/scoring';
import type { ReadAheadOptions } from '@trustwatch/store';
import { dedupeKey, httpLinks, millis, type PlanContext } from './context.js';
import { mergeCustomerPlans, type CustomerPlan, type EventPlan } from './plan.js';

type SupplierEvent = EventOf<'com.trustwatch.supplier.changed.v1'>;

/**
 * A supplier change touches the customers of every vendor concerned: for a relocation, every vendor
 * buying that component category from the supplier (the move changes who touches all their boards); for
 * an addition or removal, the vendor whose supply chain changed. One shared factor per vendor, bound to
 * each customer with the vendor's share of its fleet. Links are added as changes arrive; removed only as
 * `removesLink` says.
 */
export async function planSupplierChanged(event: SupplierEvent, ctx: PlanContext): Promise<EventPlan> {
  const data = event.data;
  const link = { supplierId: data.supplierId, vendorId: data.vendorId, category: data.componentCategory };
  // Calls issued together leave in one round trip, in the order they were made (the store's coalescing):
  // a relocation's read of the supplier's buyers still comes after its own link is stored.
  const linking = data.change === 'removed' ? Promise.resolve() : ctx.store.linkSupplier(link, true);
  // Awaited below with the factors; observed now so a throw in between cannot leave it unhandled.
  linking.catch(() => undefined);
  const buyers =
    data.change === 'relocated'
      ? (
          await Promise.all([linking, ctx.store.vendorsOfSupplier(data.supplierId, data.componentCategory)])
        )[1].map((l) => l.vendorId)
      : [];
  const version = millis(data.effectiveDate);
  const shared = supplierFactors(
    {
      eventId: event.id,
      supplierId: data.supplierId,
      vendorIds: [...new Set([data.vendorId, ...buyers])],
      change: data.change,
      ...(data.fromCountry === undefined ? {} : { fromCountry: data.fromCountry }),
      ...(data.toCountry === undefined ? {} : { toCountry: data.toCountry }),
      occurredAt: new Date(version).toISOString(),
      urls: httpLinks([data.source.uri]),
      summary: supplierSummary(data),
    },
    ctx.policy,
  );
  // Stored before the vendor's customers are read (in the same round trip, written first), one
  // millisecond before the event time so any real write wins: a fleet re-imported at the same moment
  // either is read here or finds the factor when its `fleet.changed` is planned (write before you read
  // the other side's; see news-classified.ts). The fan-out to these customers follows at once: the store
  // may read them ahead.
  const storing = Promise.all([
    linking,
    ...shared.map((factor) => ctx.store.putSharedFactor(factor, version - 1)),
  ]);
  const binding = bindToCustomers(shared, ctx, { readAhead: true });
  const [, customers] = await Promise.all([storing, binding]);
  if (removesLink(data)) await ctx.store.linkSupplier(link, false);
  return { eventKey: dedupeKey(event), causeEventId: event.id, version, shared, customers };
}

/**
 * Binds each vendor-attributed shared factor to that vendor's customers, by the vendor's fleet share.
 * `lookup.readAhead` when a fan-out to them follows (see TrustStore.customersOfVendor).
 */
export async function bindToCustomers(
  shared: readonly SharedFactor[],
  ctx: PlanContext,
  lookup: ReadAheadOptions = {},
): Promise<CustomerPlan[]> {
  // One lookup per factor, issued together: the store sends them in one round trip.
  const bound = await Promise.all(
    shared.map(async (factor) => {
      if (factor.scope.level !== 'entity') return [];
      const customers = await ctx.store.customersOfVendor(factor.scope.vendorId, lookup);
      return customers.map(({ customerId, share }) => ({
        customerId,
        factors: [],
        exposures: [{ factorId: factor.id, customerId, exposure: share, vendorExposure: 1 }],
      }));
    }),
  );
  return mergeCustomerPlans(bound.flat());
}

/**
 * Whether a `removed` event says the supplier is gone for the vendor (and category) altogether. From BOMs
 * and registries (`bom`, `registry`) ingest-supplier owns the links: it syncs them from whole snapshots,
 * and its `removed` may mean only that one of several countries went away, so the engine leaves them be.
 * A `direct` report naming no country withdraws the supplier; naming one, only that country's site.
 */
export function removesLink(data: SupplierEvent['data']): boolean {
  return data.change === 'removed' && data.source.kind === 'direct' && data.fromCountry === undefined;
}

function supplierSummary(data: SupplierEvent['data']): string {
  const where =
    data.change === 'relocated'
      ? ` moved ${data.componentCategory} production from ${data.fromCountry ?? '?'} to ${data.toCountry ?? '?'}`
      : ` ${data.change === 'added' ? 'added as' : 'removed as'} ${data.componentCategory} supplier`;
  return `${data.supplierName}${where} for ${data.vendorName}`.slice(0, 1000);
}
