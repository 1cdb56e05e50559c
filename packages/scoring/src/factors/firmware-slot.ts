import { factorId, type Factor, type FactorKind, type FirmwareSlot } from '@trustwatch/schemas';
import { resolveFactor } from './lifecycle.js';

/**
 * The kinds that describe the image a slot runs. The slot's next change replaces the image, so it ends
 * them: an unknown build flashed over with a published one is gone, and a second unknown build is the
 * same standing fact observed again, not a second one. A component appearing or vanishing is about the
 * hardware, not the image, and is not ended by a later flash.
 */
export const SLOT_IMAGE_KINDS: readonly FactorKind[] = [
  'firmware_unknown_build',
  'firmware_image_swapped',
  'firmware_downgrade',
  'firmware_downgrade_below_minimum',
  'backup_image_changed',
];

/** Every kind a slot's change can find: any of them records when the slot last changed. */
const SLOT_KINDS: readonly FactorKind[] = [
  ...SLOT_IMAGE_KINDS,
  'firmware_component_added',
  'firmware_component_removed',
];

/** One firmware slot of one customer asset: where an image is installed. */
export interface SlotLocation {
  readonly customerId: string;
  readonly assetId: string;
  readonly component: string;
  readonly slot: FirmwareSlot;
}

/**
 * The id of a firmware factor: one per kind and slot. A later observation of the same kind in the same
 * slot overwrites it (the feed and the summary history keep what was known before), so a customer holds
 * a bounded number of firmware factors however often its boards are flashed.
 */
export function firmwareFactorId(kind: FactorKind, slot: SlotLocation): string {
  return factorId(kind, slot.customerId, slot.assetId, slot.component, slot.slot);
}

/**
 * What one change of a slot at `at` writes, given the customer's stored factors (pure; the same
 * result whatever order the slot's changes arrive in):
 * - each new factor, unless the store holds the same kind from this change or a later one; resolved at
 *   the slot's next later change when the store already knows of one (a late report);
 * - the slot's stored image factors from earlier changes, resolved at `at`.
 */
export function slotChangeWrites(
  stored: readonly Factor[],
  incoming: readonly Factor[],
  slot: SlotLocation,
  at: string,
): Factor[] {
  const atMs = Date.parse(at);
  const byId = new Map(stored.map((f) => [f.id, f]));
  const slotFactors = SLOT_KINDS.flatMap((kind) => byId.get(firmwareFactorId(kind, slot)) ?? []);
  const next = nextChangeAfter(slotFactors, atMs);
  const writes: Factor[] = [];
  const written = new Set<string>();
  for (const factor of incoming) {
    written.add(factor.id);
    const known = byId.get(factor.id);
    if (known !== undefined && Date.parse(known.occurredAt) >= atMs) continue;
    const imageKind = SLOT_IMAGE_KINDS.includes(factor.kind);
    writes.push(imageKind && next !== undefined ? resolveFactor(factor, next) : factor);
  }
  for (const factor of slotFactors) {
    if (written.has(factor.id) || factor.status !== 'active' || !SLOT_IMAGE_KINDS.includes(factor.kind))
      continue;
    if (Date.parse(factor.occurredAt) < atMs) writes.push(resolveFactor(factor, at));
  }
  return writes;
}

/**
 * The earliest change of the slot after `atMs` the stored factors record: a later finding's occurrence,
 * or the instant a later change resolved one (an upgrade to a published build leaves only that trace).
 */
function nextChangeAfter(slotFactors: readonly Factor[], atMs: number): string | undefined {
  let best: string | undefined;
  for (const factor of slotFactors) {
    for (const instant of [factor.occurredAt, factor.resolvedAt]) {
      if (instant === undefined || Date.parse(instant) <= atMs) continue;
      if (best === undefined || Date.parse(instant) < Date.parse(best)) best = instant;
    }
  }
  return best;
}
