import { join } from 'node:path';
import { bmcEndpointSchema, type BmcEndpoint, type BmcEndpointInput } from '../redfish/endpoint.js';
import { FIXTURES, SHARED_DATA, fileRoute, mockupRoutes, routeMapRoutes, type Routes } from './bmc-server.js';

/** Route sets for the BMCs the tests impersonate, built from the shared real data plus derived fixtures. */

const DMTF = join(SHARED_DATA, 'redfish-dmtf-mockups');
const SMC = join(SHARED_DATA, 'redfish-supermicro-bmclib');
export const DMTF_BMC_MEMBER = '/redfish/v1/UpdateService/FirmwareInventory/BMC';
export const DMTF_BIOS_MEMBER = '/redfish/v1/UpdateService/FirmwareInventory/BIOS';

/** DMTF public-rackmount1 as published, with the derived service root it lacks. */
export function dmtfRoutes(): Routes {
  return {
    ...mockupRoutes(join(DMTF, 'public-rackmount1')),
    '/redfish/v1': fileRoute(join(FIXTURES, 'dmtf-service-root.json')),
  };
}

/** The same BMC, with its BMC and BIOS members as the 2020 (dd41c34) or 2023 (b022e34) mockups served them. */
export function dmtfHistoryRoutes(commit: 'dd41c34' | 'b022e34'): Routes {
  return {
    ...dmtfRoutes(),
    [DMTF_BMC_MEMBER]: fileRoute(join(DMTF, 'mockup-server-history', `BMC.${commit}.json`)),
    [DMTF_BIOS_MEMBER]: fileRoute(join(DMTF, 'mockup-server-history', `BIOS.${commit}.json`)),
  };
}

/** A fixture file from this service's fixtures folder, as a route body. */
export function fixture(name: string): Buffer {
  return fileRoute(join(FIXTURES, name));
}

/** A Supermicro X12 (Redfish 1.14, `Vendor` present) with the derived inventory. */
export function supermicroX12Routes(): Routes {
  return {
    '/redfish/v1': fileRoute(join(SMC, 'smc_1.14.0_serviceroot.json')),
    '/redfish/v1/Systems': fileRoute(join(SMC, 'smc_1.14.0_systems.json')),
    '/redfish/v1/Systems/1': fileRoute(join(SMC, 'smc_1.14.0_systems_1.json')),
    ...routeMapRoutes(join(FIXTURES, 'supermicro-x12-inventory.json')),
  };
}

/** An older Supermicro X11 (Redfish 1.9, no `Vendor`) with the OEM SmcFirmwareInventory path. */
export function supermicroX11Routes(): Routes {
  return {
    '/redfish/v1': fileRoute(join(SMC, 'smc_1.9.0_serviceroot.json')),
    ...routeMapRoutes(join(FIXTURES, 'supermicro-x11-smc-inventory.json')),
  };
}

export { routeMapRoutes };

/** A validated endpoint for a test BMC. */
export function endpointFor(
  id: string,
  baseUrl: string,
  overrides: Partial<BmcEndpointInput> = {},
): BmcEndpoint {
  return bmcEndpointSchema.parse({
    id,
    customerId: 'cust-test',
    assetId: `asset-${id}`,
    baseUrl,
    credentials: { kind: 'basic', username: 'collector', password: 'not-a-real-secret' },
    timeoutMs: 2_000,
    ...overrides,
  });
}
