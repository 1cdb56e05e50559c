import type { FirmwareChanged, FirmwareObserved, ObservedComponent } from '@trustwatch/schemas';
import type { CatalogLookup, KnownGood } from './catalog.js';
import { classifyChange, imageChanged, stateOf } from './classify.js';

export interface DetectInput {
  /** The asset's last known snapshot; `undefined` on first sight. */
  readonly previous: FirmwareObserved | undefined;
  readonly current: FirmwareObserved;
  /** Event id of the `firmware.observed` event that carried `current`. */
  readonly snapshotId: string;
  /** Known-good catalog; without one every build is `knownGood: "unknown"`. */
  readonly catalog?: CatalogLookup;
}

/**
 * The `firmware.changed` data objects between two snapshots of one asset, one per changed component,
 * ordered by component id so the output does not depend on the order a BMC lists its members in.
 * Pure: no clock, no I/O.
 *
 * - First sight is a baseline: no events.
 * - Only the image identity is compared (version, digest, SoftwareId). Names, manufacturers, release
 *   dates, `Updateable`, related items and everything Redfish adds between schema versions are
 *   description, so schema drift raises nothing.
 */
export function detectChanges(input: DetectInput): FirmwareChanged[] {
  const { previous, current } = input;
  if (previous === undefined) return [];
  const before = new Map(previous.components.map((component) => [component.id, component]));
  const after = new Map(current.components.map((component) => [component.id, component]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FirmwareChanged[] = [];
  for (const id of ids) {
    const change = compare(input, before.get(id), after.get(id));
    if (change !== undefined) changes.push(change);
  }
  return changes;
}

function compare(
  input: DetectInput,
  before: ObservedComponent | undefined,
  after: ObservedComponent | undefined,
): FirmwareChanged | undefined {
  const { current } = input;
  const base = {
    customerId: current.customerId,
    assetId: current.assetId,
    vendor: current.vendor,
    model: current.model,
    observedAt: current.observedAt,
    snapshotId: input.snapshotId,
  };
  if (after === undefined) {
    if (before === undefined) return undefined;
    return {
      ...base,
      component: { id: before.id, kind: before.kind, slot: before.slot },
      change: 'component_removed',
      before: stateOf(before),
      knownGood: 'unknown',
    };
  }
  const knownGood = lookup(input, after);
  const component = { id: after.id, kind: after.kind, slot: after.slot };
  if (before === undefined) {
    return { ...base, component, change: 'component_added', after: stateOf(after), knownGood };
  }
  if (!imageChanged(before, after)) return undefined;
  return {
    ...base,
    component,
    change: classifyChange(before, after, knownGood),
    before: stateOf(before),
    after: stateOf(after),
    knownGood,
  };
}

function lookup(input: DetectInput, component: ObservedComponent): KnownGood {
  if (input.catalog === undefined) return 'unknown';
  return input.catalog({
    vendor: input.current.vendor,
    model: input.current.model,
    component: { id: component.id, kind: component.kind },
    state: stateOf(component),
  });
}
