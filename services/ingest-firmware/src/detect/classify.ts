import { compareFirmwareVersions } from '@trustwatch/scoring';
import type { ComponentState, FirmwareChangeKind, Hash, ObservedComponent } from '@trustwatch/schemas';
import type { KnownGood } from './catalog.js';

/** The firmware-identifying part of a component: what a change is about. Everything else is description. */
export function stateOf(component: ObservedComponent): ComponentState {
  return {
    version: component.version,
    ...(component.softwareId === undefined ? {} : { softwareId: component.softwareId }),
    ...(component.hash === undefined ? {} : { hash: component.hash }),
    ...(component.lowestSupportedVersion === undefined
      ? {}
      : { lowestSupportedVersion: component.lowestSupportedVersion }),
  };
}

/** Versions are the same when written the same or when they only differ in spelling (`01.03` vs `1.3`). */
export function sameVersion(a: string, b: string): boolean {
  return a.trim() === b.trim() || compareFirmwareVersions(a, b) === 0;
}

// An identifier only one side reports is not compared: a collector that stops (or starts) reporting a
// digest is a change in the reporting, not in the firmware.
function differs<T>(a: T | undefined, b: T | undefined, equal: (x: T, y: T) => boolean): boolean {
  return a !== undefined && b !== undefined && !equal(a, b);
}

const sameHash = (x: Hash, y: Hash): boolean =>
  x.algorithm === y.algorithm && x.value.toLowerCase() === y.value.toLowerCase();
const sameText = (x: string, y: string): boolean => x.trim().toLowerCase() === y.trim().toLowerCase();

/** True when the image itself differs (version, digest or SoftwareId), ignoring descriptive fields. */
export function imageChanged(before: ObservedComponent, after: ObservedComponent): boolean {
  return (
    !sameVersion(before.version, after.version) ||
    differs(before.hash, after.hash, sameHash) ||
    differs(before.softwareId, after.softwareId, sameText)
  );
}

/**
 * Classifies a component present in both snapshots whose image changed. The most specific structural
 * reading wins; whether the vendor published the new build travels separately as `knownGood`, except
 * that an ordinary upgrade or downgrade to a build the catalog does not know is an `unknown_build`.
 *
 * 1. A recovery image (backup, golden, staging) changed: `backup_image_changed`.
 * 2. Same version, different digest or SoftwareId: `image_swapped`.
 * 3. Older, and below the lowest supported version either side declares: `downgrade_below_minimum`.
 *    Both floors count, because a rolled-back image declares its own, older floor.
 * 4. Newer or older to a build the catalog does not list: `unknown_build`; else `upgrade`/`downgrade`.
 */
export function classifyChange(
  before: ObservedComponent,
  after: ObservedComponent,
  knownGood: KnownGood,
): FirmwareChangeKind {
  if (after.slot !== 'active') return 'backup_image_changed';
  if (sameVersion(before.version, after.version)) return 'image_swapped';
  const older = compareFirmwareVersions(after.version, before.version) < 0;
  if (older && belowFloor(after.version, [before.lowestSupportedVersion, after.lowestSupportedVersion])) {
    return 'downgrade_below_minimum';
  }
  if (knownGood === 'no') return 'unknown_build';
  return older ? 'downgrade' : 'upgrade';
}

function belowFloor(version: string, floors: readonly (string | undefined)[]): boolean {
  return floors.some((floor) => floor !== undefined && compareFirmwareVersions(version, floor) < 0);
}
