import type { Hash, ObservedComponent } from '@trustwatch/schemas';
import type { RedfishResource } from './client.js';
import { componentKindOf, slotOf } from './component-kind.js';
import { booleanField, linkList, objectField, stringField } from './odata.js';

// SPDM measurement sizes in bytes -> the digest they are (DSP0274 measurement blocks are raw digests).
const DIGEST_BY_HEX_LENGTH: Readonly<Record<number, Hash['algorithm']>> = {
  64: 'sha256',
  96: 'sha384',
  128: 'sha512',
};

/** The component id schema's alphabet; anything else a BMC puts in an Id becomes `-`. */
function toComponentId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9._:@/+-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned.slice(0, 200);
}

/**
 * One `SoftwareInventory` member as an observed component, or `undefined` when it has no `Version`
 * (a member without a version says nothing comparable). Only the properties that identify the
 * firmware are kept; `@odata.type`, copyright notices, `AdditionalVersions` and `Oem` blocks vary
 * between schema versions of the same image and are deliberately dropped.
 */
export function componentFromMember(member: RedfishResource): ObservedComponent | undefined {
  const rawId = stringField(member, 'Id');
  const version = stringField(member, 'Version');
  if (rawId === undefined || version === undefined) return undefined;
  const id = toComponentId(rawId);
  if (id === '') return undefined;
  const name = stringField(member, 'Name');
  const relatedItem = linkList(member, 'RelatedItem').slice(0, 32);
  const softwareId = stringField(member, 'SoftwareId');
  const manufacturer = stringField(member, 'Manufacturer');
  const releaseDate = calendarDate(stringField(member, 'ReleaseDate'));
  const lowestSupportedVersion = stringField(member, 'LowestSupportedVersion');
  const updateable = booleanField(member, 'Updateable');
  const hash = measurementHash(member);
  return {
    id,
    kind: componentKindOf(rawId, name, relatedItem),
    version: version.slice(0, 128),
    slot: slotOf(rawId).slot,
    ...(name === undefined ? {} : { name: name.slice(0, 200) }),
    ...(softwareId === undefined ? {} : { softwareId: softwareId.slice(0, 256) }),
    ...(hash === undefined ? {} : { hash }),
    ...(manufacturer === undefined ? {} : { manufacturer: manufacturer.slice(0, 200) }),
    ...(releaseDate === undefined ? {} : { releaseDate }),
    ...(lowestSupportedVersion === undefined
      ? {}
      : { lowestSupportedVersion: lowestSupportedVersion.slice(0, 128) }),
    ...(updateable === undefined ? {} : { updateable }),
    ...(relatedItem.length === 0 ? {} : { relatedItem: relatedItem.map((item) => item.slice(0, 512)) }),
  };
}

// ReleaseDate is a date-time in Redfish, written with and without an offset across schema versions;
// only the day is meaningful for a release, and keeping only the day makes those spellings equal.
function calendarDate(value: string | undefined): string | undefined {
  const day = value === undefined ? undefined : /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  return day !== undefined && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? day : undefined;
}

/** The image digest from `Measurement` (SoftwareInventory v1.4+: an SPDM measurement of the image). */
function measurementHash(member: RedfishResource): Hash | undefined {
  const block = objectField(member, 'Measurement');
  const value = block === undefined ? undefined : stringField(block, 'Measurement');
  if (value === undefined || !/^[0-9a-fA-F]+$/.test(value)) return undefined;
  const algorithm = DIGEST_BY_HEX_LENGTH[value.length];
  return algorithm === undefined ? undefined : { algorithm, value: value.toLowerCase() };
}
