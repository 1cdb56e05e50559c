import type { Factor, FactorKind } from '@trustwatch/schemas';
import { compareFirmwareVersions } from '../versions/compare-firmware-versions.js';
import type { Policy } from '../policy/policy-schema.js';
import { severityFor } from './policy-terms.js';
import { firmwareFactorId } from './firmware-slot.js';

/** What a collector saw change in one firmware slot of one asset. */
export interface FirmwareChange {
  readonly fromVersion?: string;
  readonly toVersion?: string;
  readonly fromHash?: string;
  readonly toHash?: string;
  /** Whether the vendor published the new image hash; `undefined` when no catalog covers it. */
  readonly hashPublished?: boolean;
  /** The lowest version the vendor still supports for this component, when known. */
  readonly minimumSupportedVersion?: string;
  readonly slot?: 'active' | 'backup' | 'golden' | 'staging';
}

/**
 * The factor kinds a firmware change amounts to (possibly none: a normal upgrade to a published build).
 * An unpublished hash is `firmware_unknown_build`; a new hash under the same version is
 * `firmware_image_swapped` unless already unknown; a lower version (by `compareFirmwareVersions`) is a
 * downgrade, or `firmware_downgrade_below_minimum` below the lowest supported version; any change to a
 * backup or golden image is `backup_image_changed`; a component appearing or vanishing is added/removed.
 */
export function classifyFirmwareChange(change: FirmwareChange): FactorKind[] {
  const { fromVersion, toVersion } = change;
  if (toVersion === undefined && change.toHash === undefined) {
    return fromVersion === undefined && change.fromHash === undefined ? [] : ['firmware_component_removed'];
  }
  if (fromVersion === undefined && change.fromHash === undefined) return ['firmware_component_added'];
  const kinds: FactorKind[] = [];
  if (change.hashPublished === false) kinds.push('firmware_unknown_build');
  const sameVersion =
    fromVersion !== undefined &&
    toVersion !== undefined &&
    compareFirmwareVersions(fromVersion, toVersion) === 0;
  const hashChanged =
    change.fromHash !== undefined && change.toHash !== undefined && change.fromHash !== change.toHash;
  if (sameVersion && hashChanged && change.hashPublished !== false) kinds.push('firmware_image_swapped');
  if (
    fromVersion !== undefined &&
    toVersion !== undefined &&
    compareFirmwareVersions(toVersion, fromVersion) < 0
  ) {
    const min = change.minimumSupportedVersion;
    const belowMinimum = min !== undefined && compareFirmwareVersions(toVersion, min) < 0;
    kinds.push(belowMinimum ? 'firmware_downgrade_below_minimum' : 'firmware_downgrade');
  }
  const recoverySlot = change.slot === 'backup' || change.slot === 'golden';
  if (recoverySlot && (hashChanged || (fromVersion !== undefined && !sameVersion))) {
    kinds.push('backup_image_changed');
  }
  return kinds;
}

/** One firmware change on one customer asset, with the customer's exposure to it. */
export interface FirmwareObservation {
  readonly eventId: string;
  readonly customerId: string;
  readonly assetId: string;
  readonly vendorId: string;
  /** The component within the asset, e.g. `bmc`, `bios`. */
  readonly component: string;
  readonly occurredAt: string;
  readonly change: FirmwareChange;
  /** Share of the customer's fleet this asset is (see `shareOf`). */
  readonly exposure: number;
  /** Share of the customer's assets of this vendor. */
  readonly vendorExposure: number;
  readonly urls?: readonly string[];
  /**
   * The kinds when the event already classified the change (`FIRMWARE_CHANGE_FACTOR_KINDS`);
   * otherwise they come from `classifyFirmwareChange`.
   */
  readonly kinds?: readonly FactorKind[];
}

/**
 * The customer factors a firmware change produces under `policy`: one per kind from
 * `classifyFirmwareChange`. The id comes from the kind and the slot (`firmwareFactorId`), so the same
 * observation re-sent or re-collected is one factor, and the slot's next change of that kind replaces it
 * (see `slotChangeWrites` for how a change ends the slot's other image factors).
 */
export function firmwareFactors(observation: FirmwareObservation, policy: Policy): Factor[] {
  const { change } = observation;
  const slot = change.slot ?? 'active';
  const kinds = [...new Set(observation.kinds ?? classifyFirmwareChange(change))];
  const where = {
    customerId: observation.customerId,
    assetId: observation.assetId,
    component: observation.component,
    slot,
  };
  return kinds.map((kind) => {
    const details = {
      ...(change.fromVersion === undefined ? {} : { fromVersion: change.fromVersion }),
      ...(change.toVersion === undefined ? {} : { toVersion: change.toVersion }),
    };
    return {
      id: firmwareFactorId(kind, where),
      kind,
      scope: {
        level: 'entity',
        entity: { kind: 'firmware', id: `${observation.assetId}/${observation.component}` },
        vendorId: observation.vendorId,
      },
      severity: severityFor(kind, details, policy),
      credibility: policy.credibility.observed,
      occurredAt: observation.occurredAt,
      halfLifeHours: policy.kinds[kind].halfLifeHours,
      status: 'active',
      evidence: { eventIds: [observation.eventId], urls: [...(observation.urls ?? [])], outlets: [] },
      reassessments: [],
      details,
      summary: summaryOf(kind, observation, slot),
      origin: 'customer',
      customerId: observation.customerId,
      exposure: observation.exposure,
      vendorExposure: observation.vendorExposure,
    } satisfies Factor;
  });
}

function summaryOf(kind: FactorKind, o: FirmwareObservation, slot: string): string {
  const from = o.change.fromVersion ?? 'none';
  const to = o.change.toVersion ?? 'none';
  return `${kind.replaceAll('_', ' ')} on ${o.assetId} ${o.component} (${slot}): ${from} -> ${to}`.slice(
    0,
    1000,
  );
}
