import type { EventOf } from '@trustwatch/schemas';
import type { Asset } from '@trustwatch/store';
import { latestOccurrence, reconcileAdvisories } from '../advisories/advisory-match.js';
import { dedupeKey, hashText, millis, type PlanContext } from './context.js';
import { emptyPlan, recordedChanges, type EventPlan } from './plan.js';

type ObservedEvent = EventOf<'com.trustwatch.firmware.observed.v1'>;

/**
 * A snapshot keeps the exposure index current (the asset's components and versions), then re-checks the
 * advisories about the asset's vendor against the customer's fleet: an upgrade to a fixed version
 * resolves the `advisory_exposure` factor, a downgrade into an affected range opens one.
 *
 * The snapshot updates its own asset only (`upsertObservedAsset`, versioned per asset by `observedAt`):
 * replacing the whole fleet under one version made a board observed earlier but handled later look
 * older than the fleet, and dropped it; a read-then-replace also undid imports that landed in between.
 */
export async function planFirmwareObserved(event: ObservedEvent, ctx: PlanContext): Promise<EventPlan> {
  const data = event.data;
  const version = millis(data.observedAt);
  const plan = emptyPlan(dedupeKey(event), event.id, version);
  const observed: Asset = {
    id: data.assetId,
    vendor: ctx.vendorIdOf(data.vendor),
    model: data.model,
    components: data.components.map((c) => {
      const hash = hashText(c.hash);
      return { id: c.id, kind: c.kind, version: c.version, hashes: hash === undefined ? [] : [hash] };
    }),
  };
  const [change, recorded] = await Promise.all([
    ctx.store.upsertObservedAsset(data.customerId, observed, version),
    // Read with the upsert's own read (no round trip of its own). A redelivery may find nothing left to
    // do (refused now that a newer snapshot arrived, the advisories revised, the factors stored) although
    // its first delivery applied a change it never published: that change is published again.
    recordedChanges(ctx.store, [data.customerId], plan.eventKey),
  ]);
  // An older snapshot of this asset (or of one a newer import does not list) says nothing about the present.
  if (change.asset === null) return { ...plan, recorded };
  const asset = change.asset;
  const advisories = await ctx.advisories.forVendor(asset.vendor);
  if (advisories.length === 0) return { ...plan, recorded };
  const [components, existing] = await Promise.all([
    ctx.store.listComponents(data.customerId),
    ctx.store.getFactors(data.customerId),
  ]);
  const factors = reconcileAdvisories({
    customerId: data.customerId,
    advisories,
    components,
    existing,
    at: new Date(version).toISOString(),
    policy: ctx.policy,
  });
  if (factors.length === 0) return { ...plan, recorded };
  const scoreFrom = latestOccurrence(factors);
  return { ...plan, customers: [{ customerId: data.customerId, factors, exposures: [], scoreFrom }] };
}
