import { firmwareObservedSchema, type FirmwareObserved, type ObservedComponent } from '@trustwatch/schemas';
import { z } from 'zod';
import { IngestFirmwareError } from '../errors.js';
import type { RedfishClient, RedfishResource } from './client.js';
import { crossCheck, type CrossCheck } from './cross-check.js';
import { SERVICE_ROOT } from './endpoint.js';
import { componentFromMember } from './member.js';
import { linkField, linkList, objectField, stringField } from './odata.js';

/** The most members one snapshot may carry (the `firmware.observed` schema's bound). */
const MAX_MEMBERS = 512;

/** Name of this collector in `firmware.observed.source.collector`. */
export const REDFISH_COLLECTOR = 'ingest-firmware/redfish';

/** A snapshot read from one BMC, plus how its inventory agreed with the manager and system resources. */
export interface InventoryReading {
  readonly snapshot: FirmwareObserved;
  readonly crossChecks: readonly CrossCheck[];
}

/**
 * Reads one BMC's firmware inventory: service root, UpdateService, its FirmwareInventory (or the
 * older Supermicro `SmcFirmwareInventory`) and every member, then the manager and system resources the
 * BMC and BIOS members relate to, to cross-check their versions. Requests run one after another:
 * BMCs are small embedded servers and parallel requests to one of them mostly produce 503s.
 */
export async function readInventory(
  client: RedfishClient,
  now: () => Date = () => new Date(),
): Promise<InventoryReading> {
  const root = await client.get(SERVICE_ROOT);
  const updateService = await client.get(linkField(root, 'UpdateService') ?? `${SERVICE_ROOT}/UpdateService`);
  const collection = await client.get(inventoryLink(updateService, root));
  const components: ObservedComponent[] = [];
  const seen = new Set<string>();
  for (const link of linkList(collection, 'Members').slice(0, MAX_MEMBERS)) {
    const component = componentFromMember(await client.get(link));
    if (component === undefined || seen.has(component.id)) continue;
    seen.add(component.id);
    components.push(component);
  }
  if (components.length === 0) throw unexpected(client, 'lists no firmware with a version');
  const system = await firstMemberOf(client, root, 'Systems', components, 'bios');
  const manager = await firstMemberOf(client, root, 'Managers', components, 'bmc');
  const serialNumber = system === undefined ? undefined : stringField(system, 'SerialNumber');
  const model =
    (system === undefined ? undefined : stringField(system, 'Model')) ?? stringField(root, 'Product');
  const candidate: FirmwareObserved = {
    customerId: client.endpoint.customerId,
    assetId: client.endpoint.assetId,
    vendor: vendorOf(root, system),
    model: model?.slice(0, 200) ?? 'unknown',
    ...(serialNumber === undefined ? {} : { serialNumber: serialNumber.slice(0, 128) }),
    observedAt: now().toISOString(),
    source: {
      kind: 'redfish',
      collector: REDFISH_COLLECTOR,
      endpoint: new URL(client.endpoint.baseUrl).origin,
    },
    components,
  };
  // The mapping bounds and cleans every field, but a BMC is untrusted: what leaves here is checked.
  const result = firmwareObservedSchema.safeParse(candidate);
  if (!result.success)
    throw unexpected(client, `yields an invalid snapshot: ${z.prettifyError(result.error)}`);
  return { snapshot: result.data, crossChecks: crossCheck(components, manager, system) };
}

function unexpected(client: RedfishClient, detail: string): IngestFirmwareError {
  return new IngestFirmwareError('BMC_UNEXPECTED_RESOURCE', `BMC ${client.endpoint.id}: ${detail}`, {
    bmcId: client.endpoint.id,
  });
}

/**
 * The vendor: `Vendor` on the service root (Redfish 1.14+), else the OEM block's single vendor key
 * (Supermicro's 1.9 roots carry only `Oem.Supermicro`), else the system's `Manufacturer`.
 */
export function vendorOf(root: RedfishResource, system: RedfishResource | undefined): string {
  const declared = stringField(root, 'Vendor');
  if (declared !== undefined) return declared.slice(0, 200);
  const oemKeys = Object.keys(objectField(root, 'Oem') ?? {});
  if (oemKeys.length === 1 && oemKeys[0] !== undefined) return oemKeys[0].slice(0, 200);
  if (oemKeys.includes('Supermicro')) return 'Supermicro';
  return (system === undefined ? undefined : stringField(system, 'Manufacturer'))?.slice(0, 200) ?? 'unknown';
}

// Older Supermicro X11 BMCs list firmware under an OEM collection instead of FirmwareInventory.
function inventoryLink(updateService: RedfishResource, root: RedfishResource): string {
  const standard = linkField(updateService, 'FirmwareInventory');
  if (standard !== undefined) return standard;
  const oem = objectField(objectField(updateService, 'Oem') ?? {}, 'Supermicro');
  const smc =
    (oem === undefined ? undefined : linkField(oem, 'SmcFirmwareInventory')) ??
    linkField(updateService, 'SmcFirmwareInventory');
  if (smc !== undefined) return smc;
  const updatePath = linkField(root, 'UpdateService') ?? `${SERVICE_ROOT}/UpdateService`;
  return `${updatePath}/SmcFirmwareInventory`;
}

/**
 * The manager (or system) to cross-check against: the one the BMC (or BIOS) member relates to, else
 * the first member of the root's collection. A BMC that lacks either resource is not an error: the
 * cross-check is then reported as not possible.
 */
async function firstMemberOf(
  client: RedfishClient,
  root: RedfishResource,
  collectionName: 'Systems' | 'Managers',
  components: readonly ObservedComponent[],
  kind: 'bios' | 'bmc',
): Promise<RedfishResource | undefined> {
  const segment = `/${collectionName}/`;
  const related = components
    .filter((component) => component.kind === kind && component.slot === 'active')
    .flatMap((component) => component.relatedItem ?? [])
    .find((item) => item.includes(segment) && item.split(segment)[1]?.includes('/') === false);
  try {
    if (related !== undefined) return await client.get(related);
    const collectionLink = linkField(root, collectionName);
    if (collectionLink === undefined) return undefined;
    const first = linkList(await client.get(collectionLink), 'Members')[0];
    return first === undefined ? undefined : await client.get(first);
  } catch (error) {
    if (error instanceof IngestFirmwareError && error.code === 'BMC_HTTP_ERROR') return undefined;
    throw error;
  }
}
