import type { EventOf } from '@trustwatch/schemas';
import {
  FIRMWARE_CHANGE_FACTOR_KINDS,
  firmwareFactors,
  shareOf,
  type FirmwareChange,
} from '@trustwatch/scoring';
import { dedupeKey, hashText, millis, type PlanContext } from './context.js';
import { emptyPlan, type EventPlan } from './plan.js';

type FirmwareChangedEvent = EventOf<'com.trustwatch.firmware.changed.v1'>;

/**
 * A firmware change touches exactly the customer owning the asset. Its exposure is the asset's share of
 * the fleet (and of the vendor's part of it); the vendor is the one the exposure index records for the
 * asset, so per-vendor scores line up with news and supplier factors about that vendor.
 */
export async function planFirmwareChanged(event: FirmwareChangedEvent, ctx: PlanContext): Promise<EventPlan> {
  const data = event.data;
  const version = millis(data.observedAt);
  const plan = emptyPlan(dedupeKey(event), event.id, version);
  const kind = FIRMWARE_CHANGE_FACTOR_KINDS[data.change];
  const slotChange = {
    slot: {
      customerId: data.customerId,
      assetId: data.assetId,
      component: data.component.id,
      slot: data.component.slot,
    },
    at: new Date(version).toISOString(),
  };
  // An upgrade to a published build says nothing against trust, but it replaces the slot's image, which
  // ends what was found about the one before. Advisories are reconciled on observation.
  if (kind === null) {
    return { ...plan, customers: [{ customerId: data.customerId, factors: [], exposures: [], slotChange }] };
  }
  // The customer is scored on this right after: its state may come with the read (one round trip).
  const { asset, vendorCounts } = await ctx.store.assetInFleet(data.customerId, data.assetId, {
    readAhead: true,
  });
  const vendorId = asset?.vendor ?? ctx.vendorIdOf(data.vendor);
  // An asset the fleet does not list yet counts as one more (of the vendor the change names).
  const unlisted = asset === null ? 1 : 0;
  const fleetSize = Object.values(vendorCounts).reduce((sum, n) => sum + n, 0) + unlisted;
  // Own keys only: a vendor named like an Object.prototype member is not one.
  const vendorSize = (Object.hasOwn(vendorCounts, vendorId) ? (vendorCounts[vendorId] ?? 0) : 0) + unlisted;
  const factors = firmwareFactors(
    {
      eventId: event.id,
      customerId: data.customerId,
      assetId: data.assetId,
      vendorId,
      component: data.component.id,
      occurredAt: slotChange.at,
      change: firmwareChange(data),
      exposure: shareOf(1, fleetSize),
      vendorExposure: shareOf(1, vendorSize),
      kinds: [kind],
    },
    ctx.policy,
  );
  return { ...plan, customers: [{ customerId: data.customerId, factors, exposures: [], slotChange }] };
}

function firmwareChange(data: FirmwareChangedEvent['data']): FirmwareChange {
  const fromHash = hashText(data.before?.hash);
  const toHash = hashText(data.after?.hash);
  const minimum = data.before?.lowestSupportedVersion ?? data.after?.lowestSupportedVersion;
  return {
    ...(data.before === undefined ? {} : { fromVersion: data.before.version }),
    ...(data.after === undefined ? {} : { toVersion: data.after.version }),
    ...(fromHash === undefined ? {} : { fromHash }),
    ...(toHash === undefined ? {} : { toHash }),
    ...(data.knownGood === 'unknown' ? {} : { hashPublished: data.knownGood === 'yes' }),
    ...(minimum === undefined ? {} : { minimumSupportedVersion: minimum }),
    slot: data.component.slot,
  };
}
