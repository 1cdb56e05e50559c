import type { EventOf, Factor, FactorExposure, SharedFactor } from '@trustwatch/schemas';
import { resolveFactor, shareOf } from '@trustwatch/scoring';
import type { Asset, FiledAdvisory } from '@trustwatch/store';
import { latestOccurrence, reconcileAdvisories } from '../advisories/advisory-match.js';
import { dedupeKey, millis, type PlanContext } from './context.js';
import type { EventPlan } from './plan.js';

type FleetEvent = EventOf<'com.trustwatch.fleet.changed.v1'>;

/**
 * A re-imported fleet changes how much of it every factor touches. The customer's factors are re-bound
 * to the fleet now stored and the customer re-scored:
 * - shared factors (news, supplier moves) follow their vendor's new share of the fleet: bound ones are
 *   re-exposed (0 once the vendor is gone), and those about a vendor the fleet now includes are bound;
 * - advisories stored for the fleet's vendors are matched again: new affected versions open factors,
 *   assets gone or upgraded resolve them;
 * - firmware factors follow their asset: re-exposed to the new fleet size, resolved if it left.
 *
 * Another engine instance may store a claim about a vendor of the fleet at the same moment, so each
 * side writes before it reads the other side's: the import swaps the fleet (`replaceFleet`, which moves
 * the vendor's customer index too) before it publishes this event, so every read here, the vendor's
 * shared factors included, comes after this side's write; the news planner stores its claim before it
 * reads the vendor's customers. Of the two, at least one sees the other, and the customer is bound by
 * the claim's apply, by this one, or by both (with the same exposure).
 */
export async function planFleetChanged(event: FleetEvent, ctx: PlanContext): Promise<EventPlan> {
  const { customerId } = event.data;
  const version = millis(event.data.importedAt);
  const at = new Date(version).toISOString();
  const [fleet, components, existing] = await Promise.all([
    ctx.store.getFleet(customerId),
    ctx.store.listComponents(customerId),
    ctx.store.getFactors(customerId),
  ]);
  const counts = new Map<string, number>();
  for (const asset of fleet) counts.set(asset.vendor, (counts.get(asset.vendor) ?? 0) + 1);
  const vendorShare = (vendorId: string) => shareOf(counts.get(vendorId) ?? 0, fleet.length);

  const rebind = await sharedBindings(customerId, existing, [...counts.keys()], vendorShare, ctx);
  const advisories = await advisoriesFor(existing, [...counts.keys()], ctx);
  const advisoryFactors = reconcileAdvisories({
    customerId,
    advisories,
    components,
    existing,
    at,
    policy: ctx.policy,
  });
  const firmware = rebindFirmware(existing, fleet, counts, at);
  return {
    eventKey: dedupeKey(event),
    causeEventId: event.id,
    version,
    shared: [],
    bind: rebind.bind,
    customers: [
      {
        customerId,
        factors: [...advisoryFactors, ...firmware],
        exposures: rebind.exposures,
        scoreFrom: latestOccurrence(advisoryFactors),
      },
    ],
  };
}

/** A bound factor as the shared factor it was bound from. */
function unbound(factor: Factor): SharedFactor {
  const { origin: _o, customerId: _c, exposure: _e, vendorExposure: _v, ...shared } = factor;
  return shared;
}

async function sharedBindings(
  customerId: string,
  existing: readonly Factor[],
  vendors: readonly string[],
  vendorShare: (vendorId: string) => number,
  ctx: PlanContext,
): Promise<{ exposures: FactorExposure[]; bind: SharedFactor[] }> {
  const bound = new Map(existing.filter((f) => f.origin === 'shared').map((f) => [f.id, f]));
  const byVendor = await Promise.all(vendors.map((v) => ctx.store.sharedFactorsOfVendor(v)));
  const candidates = new Map<string, SharedFactor>();
  for (const factor of bound.values()) candidates.set(factor.id, unbound(factor));
  for (const factor of byVendor.flat()) candidates.set(factor.id, factor);
  const exposures: FactorExposure[] = [];
  const bind: SharedFactor[] = [];
  for (const factor of candidates.values()) {
    if (factor.scope.level !== 'entity') continue;
    const share = vendorShare(factor.scope.vendorId);
    // A vendor gone from the fleet leaves its factors bound at zero: the history stays, the weight goes.
    const next = { factorId: factor.id, customerId, exposure: share, vendorExposure: share > 0 ? 1 : 0 };
    const old = bound.get(factor.id);
    if (old === undefined && share === 0) continue;
    if (old !== undefined && old.exposure === next.exposure && old.vendorExposure === next.vendorExposure)
      continue;
    exposures.push(next);
    bind.push(factor);
  }
  return { exposures, bind };
}

/** The stored advisories about the fleet's vendors and about vendors of open advisory factors. */
async function advisoriesFor(
  existing: readonly Factor[],
  vendors: readonly string[],
  ctx: PlanContext,
): Promise<FiledAdvisory[]> {
  const open = existing.filter(
    (f) => f.kind === 'advisory_exposure' && f.origin === 'customer' && f.status === 'active',
  );
  const wanted = new Set([
    ...vendors,
    ...open.flatMap((f) => (f.scope.level === 'entity' ? [f.scope.vendorId] : [])),
  ]);
  const found = await Promise.all([...wanted].map((v) => ctx.advisories.forVendor(v)));
  const byId = new Map(found.flat().map((f) => [f.advisory.advisoryId, f]));
  return [...byId.values()].sort((a, b) => (a.advisory.advisoryId < b.advisory.advisoryId ? -1 : 1));
}

/** Firmware factors follow their asset: exposure to the new fleet, resolved when the asset left it. */
function rebindFirmware(
  existing: readonly Factor[],
  fleet: readonly Asset[],
  counts: ReadonlyMap<string, number>,
  at: string,
): Factor[] {
  const out: Factor[] = [];
  for (const factor of existing) {
    // Advisory factors are about a product component, not one asset: reconcileAdvisories owns them.
    if (factor.origin !== 'customer' || factor.status !== 'active' || factor.kind === 'advisory_exposure')
      continue;
    if (factor.scope.level !== 'entity' || factor.scope.entity.kind !== 'firmware') continue;
    const entity = factor.scope.entity.id;
    // The entity id is `<assetId>/<componentId>`; either part may hold a `/`, so match by asset prefix.
    const asset = fleet.find((a) => entity.startsWith(`${a.id}/`));
    if (asset === undefined) {
      out.push(resolveFactor(factor, at < factor.occurredAt ? factor.occurredAt : at));
      continue;
    }
    const exposure = shareOf(1, fleet.length);
    const vendorExposure = shareOf(1, counts.get(asset.vendor) ?? 0);
    if (exposure !== factor.exposure || vendorExposure !== factor.vendorExposure) {
      out.push({ ...factor, exposure, vendorExposure });
    }
  }
  return out;
}
