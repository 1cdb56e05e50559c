import type { FirmwareObserved, ObservedComponent } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { detectChanges } from './detect-changes.js';

const bmc = (overrides: Partial<ObservedComponent> = {}): ObservedComponent => ({
  id: 'BMC',
  kind: 'bmc',
  slot: 'active',
  version: '01.03.18',
  lowestSupportedVersion: '01.01.06',
  ...overrides,
});

const snapshot = (components: ObservedComponent[]): FirmwareObserved => ({
  customerId: 'cust-1',
  assetId: 'asset-1',
  vendor: 'Supermicro',
  model: 'X12',
  observedAt: '2026-01-05T10:00:00Z',
  source: { kind: 'agent', collector: 'unit-test' },
  components,
});

const changesBetween = (before: ObservedComponent[], after: ObservedComponent[]) =>
  detectChanges({ previous: snapshot(before), current: snapshot(after), snapshotId: 'evt' }).map(
    (e) => e.change,
  );

describe('change classification', () => {
  it('calls an older version above the floor a plain downgrade', () => {
    expect(changesBetween([bmc()], [bmc({ version: '01.02.10' })])).toEqual(['downgrade']);
  });

  it('uses the floor the BMC declared before, since a rolled-back image declares its own older floor', () => {
    const rolledBack = bmc({ version: '01.00.21', lowestSupportedVersion: '01.00.01' });
    expect(changesBetween([bmc()], [rolledBack])).toEqual(['downgrade_below_minimum']);
  });

  it('calls a new SoftwareId under the same version an image swap', () => {
    expect(changesBetween([bmc({ softwareId: 'A' })], [bmc({ softwareId: 'B' })])).toEqual(['image_swapped']);
  });

  it('ignores a respelled version that compares equal', () => {
    expect(changesBetween([bmc()], [bmc({ version: '1.3.18' })])).toEqual([]);
  });

  it('does not hold a digest that only one side reports against the image', () => {
    const hashed = bmc({ hash: { algorithm: 'sha256', value: 'a'.repeat(64) } });
    expect(changesBetween([bmc()], [hashed])).toEqual([]);
  });

  it('ignores descriptive fields such as name, manufacturer and release date', () => {
    const described = bmc({
      name: 'BMC Firmware',
      manufacturer: 'Supermicro',
      releaseDate: '2024-04-18',
      updateable: false,
    });
    expect(changesBetween([bmc()], [described])).toEqual([]);
  });

  it('reports components that appear and disappear', () => {
    const nic = bmc({ id: 'NIC1', kind: 'nic', version: '22.31.1014' });
    const cpld = bmc({ id: 'CPLD', kind: 'cpld', version: 'F1.02.07' });
    expect(changesBetween([bmc(), nic], [bmc(), cpld])).toEqual(['component_added', 'component_removed']);
  });

  it('calls any change of a staging image a backup image change, even an upgrade', () => {
    const staging = bmc({ id: 'Staging_BMC', slot: 'staging' });
    expect(changesBetween([staging], [{ ...staging, version: '01.04.00' }])).toEqual([
      'backup_image_changed',
    ]);
  });
});
