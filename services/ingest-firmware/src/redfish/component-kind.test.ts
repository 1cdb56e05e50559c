import { describe, expect, it } from 'vitest';
import { componentKindOf, slotOf } from './component-kind.js';

describe('componentKindOf', () => {
  it.each([
    ['BMC', 'Contoso BMC Firmware', [], 'bmc'],
    ['BIOS', 'Contoso BIOS Firmware', [], 'bios'],
    ['SS', 'Contoso Simple Storage Firmware', ['/redfish/v1/Systems/437XR1138R2/SimpleStorage/1'], 'storage'],
    ['AC-RoT0', 'AC-RoT0 firmware', [], 'other'],
    ['CPLD_Motherboard', 'Motherboard CPLD Firmware', [], 'cpld'],
    ['NIC1', 'AOC-S25G-b2S NIC Firmware', [], 'nic'],
    ['PowerSupply1', 'Power Supply 1 Firmware', [], 'psu'],
    ['GPU0', undefined, [], 'gpu'],
    ['fw-17', undefined, ['/redfish/v1/Managers/1'], 'bmc'],
    ['fw-18', undefined, ['/redfish/v1/Systems/1'], 'bios'],
    ['fw-19', undefined, ['/redfish/v1/Chassis/1/NetworkAdapters/2'], 'nic'],
  ] as const)('classifies %s (%s) as %s', (id, name, related, kind) => {
    expect(componentKindOf(id, name, related)).toBe(kind);
  });
});

describe('slotOf', () => {
  it('maps Supermicro recovery image prefixes to slots and keeps the active image active', () => {
    expect(
      ['BMC', 'Backup_BMC', 'Golden_BIOS', 'Staging_BMC', 'golden-cpld'].map((id) => slotOf(id).slot),
    ).toEqual(['active', 'backup', 'golden', 'staging', 'golden']);
  });
});
