import { firmwareObservedSchema } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBmc, type TestBmc } from '../test-support/bmc-server.js';
import {
  DMTF_BMC_MEMBER,
  dmtfRoutes,
  endpointFor,
  fixture,
  supermicroX11Routes,
  supermicroX12Routes,
} from '../test-support/bmcs.js';
import { RedfishClient } from './client.js';
import { readInventory } from './inventory.js';

const AUTH = { username: 'collector', password: 'not-a-real-secret' };
const fixedNow = () => new Date('2026-01-05T10:00:00Z');
let bmc: TestBmc | undefined;
afterEach(async () => {
  await bmc?.close();
  bmc = undefined;
});

async function read(routes: Parameters<typeof startTestBmc>[0]) {
  bmc = await startTestBmc(routes, { basicAuth: AUTH });
  const client = new RedfishClient(endpointFor('bmc-1', bmc.baseUrl));
  return { client, reading: await readInventory(client, fixedNow) };
}

describe('readInventory', () => {
  it('reads the DMTF rackmount BMC into a valid firmware.observed snapshot', async () => {
    const { reading } = await read(dmtfRoutes());
    expect(firmwareObservedSchema.safeParse(reading.snapshot).success).toBe(true);
    const byId = Object.fromEntries(reading.snapshot.components.map((c) => [c.id, c]));
    expect(byId['BMC']).toMatchObject({
      kind: 'bmc',
      slot: 'active',
      version: '1.45.455b66-rev4',
      softwareId: '1624A9DF-5E13-47FC-874A-DF3AFF143089',
      lowestSupportedVersion: '1.30.367a12-rev1',
      releaseDate: '2017-08-22',
      updateable: true,
      relatedItem: ['/redfish/v1/Managers/BMC'],
    });
    expect(byId['BIOS']).toMatchObject({ kind: 'bios', version: 'P79 v1.45' });
    expect(byId['SS']).toMatchObject({ kind: 'storage', version: '2.50' });
    expect(reading.snapshot).toMatchObject({ vendor: 'Contoso', model: '3500', serialNumber: '437XR1138R2' });
  });

  it('cross-checks the BMC and BIOS versions against the manager and the system', async () => {
    const { reading } = await read(dmtfRoutes());
    expect(reading.crossChecks).toEqual([
      {
        kind: 'bmc',
        inventoryVersion: '1.45.455b66-rev4',
        reportedVersion: '1.45.455b66-rev4',
        outcome: 'consistent',
      },
      {
        kind: 'bios',
        inventoryVersion: 'P79 v1.45',
        reportedVersion: 'P79 v1.45 (12/06/2017)',
        outcome: 'consistent',
      },
    ]);
  });

  it('detects Supermicro from Vendor and maps the backup, golden and staging images to slots', async () => {
    const { reading } = await read(supermicroX12Routes());
    expect(firmwareObservedSchema.safeParse(reading.snapshot).success).toBe(true);
    expect(reading.snapshot.vendor).toBe('Supermicro');
    expect(reading.snapshot.model).toBe('SYS-510T-MR-EI018');
    const slots = reading.snapshot.components.map((c) => [c.id, c.kind, c.slot]);
    expect(slots).toEqual([
      ['BMC', 'bmc', 'active'],
      ['Backup_BMC', 'bmc', 'backup'],
      ['Golden_BMC', 'bmc', 'golden'],
      ['Staging_BMC', 'bmc', 'staging'],
      ['BIOS', 'bios', 'active'],
      ['Golden_BIOS', 'bios', 'golden'],
      ['CPLD_Motherboard', 'cpld', 'active'],
      ['NIC1', 'nic', 'active'],
      ['PowerSupply1', 'psu', 'active'],
    ]);
    expect(reading.crossChecks).toContainEqual(
      expect.objectContaining({ kind: 'bios', reportedVersion: '2.0', outcome: 'consistent' }),
    );
    expect(reading.crossChecks).toContainEqual(
      expect.objectContaining({ kind: 'bmc', outcome: 'not_checked' }),
    );
  });

  it('detects Supermicro from Oem on a 1.9 service root and reads the older SmcFirmwareInventory', async () => {
    const { reading } = await read(supermicroX11Routes());
    expect(reading.snapshot.vendor).toBe('Supermicro');
    expect(reading.snapshot.components.map((c) => [c.id, c.version])).toEqual([
      ['BMC', '01.73.14'],
      ['BIOS', '3.4'],
    ]);
  });

  it('asks with If-None-Match on the next poll and reuses cached resources on 304', async () => {
    const { client, reading } = await read(dmtfRoutes());
    const firstRound = bmc?.requests.length ?? 0;
    const again = await readInventory(client, fixedNow);
    const second = bmc?.requests.slice(firstRound) ?? [];
    expect(second.length).toBe(firstRound);
    expect(second.every((request) => request.status === 304 && request.ifNoneMatch !== undefined)).toBe(true);
    expect(again.snapshot).toEqual(reading.snapshot);
  });

  it('sends the configured basic credentials on every request', async () => {
    await read(dmtfRoutes());
    expect(bmc?.requests.every((request) => request.authorization?.startsWith('Basic ') === true)).toBe(true);
  });

  it('flags a mismatch when the inventory and the manager disagree on the BMC version', async () => {
    // The upgraded inventory member next to the unchanged manager: what a BMC mid-update (or lying) shows.
    const { reading } = await read({ ...dmtfRoutes(), [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') });
    expect(reading.crossChecks[0]).toEqual({
      kind: 'bmc',
      inventoryVersion: '1.46.512c01-rev1',
      reportedVersion: '1.45.455b66-rev4',
      outcome: 'mismatch',
    });
  });
});
