import { describe, expect, it } from 'vitest';
import { createEvent } from '../registry/registry.js';
import { redfishSnapshot, supermicroSnapshot } from './fixtures/examples.js';
import { firmwareObservedSchema } from './firmware-observed.js';

describe('firmware.observed', () => {
  it('accepts the DMTF Redfish mockup inventory of a BMC and a BIOS unchanged', () => {
    const snapshot = redfishSnapshot();
    expect(firmwareObservedSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.components.map((component) => component.version)).toEqual([
      '1.45.455b66-rev4',
      'P79 v1.45',
    ]);
  });

  it('accepts a Supermicro BMC at the version CVE-2024-10237 names', () => {
    const snapshot = supermicroSnapshot();
    expect(firmwareObservedSchema.parse(snapshot).components[0]?.version).toBe('1.04.16');
  });

  it('is keyed by customer id so one customer’s snapshots keep their order', () => {
    const event = createEvent({
      type: 'com.trustwatch.firmware.observed.v1',
      source: 'trustwatch://ingest-firmware/bmc-collector',
      id: 'snap-1',
      time: '2026-11-24T10:00:00Z',
      data: redfishSnapshot(),
    });
    expect(event.partitionkey).toBe('cust-acme');
  });

  it('rejects an unknown key on a component instead of dropping it silently', () => {
    const snapshot = redfishSnapshot();
    Object.assign(snapshot.components[0] ?? {}, { Oem: { Contoso: {} } });
    const result = firmwareObservedSchema.safeParse(snapshot);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('rejects two components with the same id in one snapshot', () => {
    const snapshot = redfishSnapshot();
    const [bmc] = snapshot.components;
    if (bmc === undefined) throw new Error('fixture has no BMC');
    snapshot.components.push({ ...bmc, slot: 'backup' });
    const result = firmwareObservedSchema.safeParse(snapshot);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['components.2.id']);
  });

  it('rejects a hash whose length does not match its algorithm', () => {
    const snapshot = supermicroSnapshot();
    Object.assign(snapshot.components[0] ?? {}, { hash: { algorithm: 'sha384', value: 'ab'.repeat(32) } });
    expect(firmwareObservedSchema.safeParse(snapshot).success).toBe(false);
  });

  it('rejects an observation time without an offset and a release date that is not a date', () => {
    expect(
      firmwareObservedSchema.safeParse({ ...redfishSnapshot(), observedAt: '2026-11-24T10:00:00' }).success,
    ).toBe(false);
    const snapshot = redfishSnapshot();
    Object.assign(snapshot.components[0] ?? {}, { releaseDate: '2017-02-30' });
    expect(firmwareObservedSchema.safeParse(snapshot).success).toBe(false);
  });

  it('rejects an oversize version string', () => {
    const snapshot = supermicroSnapshot();
    Object.assign(snapshot.components[0] ?? {}, { version: '1'.repeat(129) });
    expect(firmwareObservedSchema.safeParse(snapshot).success).toBe(false);
  });
});
