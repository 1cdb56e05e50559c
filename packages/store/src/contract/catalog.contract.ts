import { expect, it } from 'vitest';
import { ANY_MODEL, type PublishedFirmware, type StoreLimits, type TrustStore } from '../port.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-cat-${String(process.pid)}-${String(++counter)}`;

/** The known-good firmware catalog, part of the trust store contract. */
export function catalogContract(factory: Factory): void {
  it('answers for a model with its own builds and the builds published for any model', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const vendor = unique('vendor');
    const x12: PublishedFirmware = { vendor, model: 'X12', component: 'bmc', version: '1.2', hashes: [] };
    const family: PublishedFirmware = { ...x12, model: ANY_MODEL, version: '1.1', hashes: ['sha256:cd'] };
    const x11: PublishedFirmware = { ...x12, model: 'X11', version: '1.0' };
    for (const entry of [x12, family, x11]) await store.publishFirmware(entry);
    expect(await store.publishedFirmware(vendor, 'X12', 'bmc')).toEqual([family, x12]);
    expect(await store.publishedFirmware(vendor, 'H13', 'bmc')).toEqual([family]);
    expect(await store.publishedFirmware(vendor, ANY_MODEL, 'bmc')).toEqual([family]);
    expect(await store.publishedFirmware(vendor, 'X12', 'bios')).toEqual([]);
  });

  it('keeps builds of one version apart by SoftwareId and replaces a build published again', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const vendor = unique('vendor');
    const base = { vendor, model: 'X12', component: 'bmc', version: '01.03.18', hashes: [] };
    const a: PublishedFirmware = { ...base, softwareId: 'BMC-A' };
    const b: PublishedFirmware = { ...base, softwareId: 'BMC-B' };
    await store.publishFirmware(a);
    await store.publishFirmware(b);
    await store.publishFirmware(base);
    const republished: PublishedFirmware = { ...a, hashes: ['sha256:ab'] };
    await store.publishFirmware(republished);
    expect(await store.publishedFirmware(vendor, 'X12', 'bmc')).toEqual([base, republished, b]);
  });
}
