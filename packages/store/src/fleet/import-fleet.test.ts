import { readFileSync } from 'node:fs';
import { publicDataPath } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryTrustStore } from '../memory/memory-store.js';
import { importFleet } from './import-fleet.js';

const json = (url: URL | string): unknown => JSON.parse(readFileSync(url, 'utf8'));
const realExample = json(
  publicDataPath('cyclonedx', 'bom-examples', 'HBOM-PCIe-SATA-adapter-board.bom.json'),
);
const acmeBom = json(new URL('../../fixtures/fleet-acme.cdx.json', import.meta.url));
const acmeCsv = readFileSync(new URL('../../fixtures/fleet-acme.csv', import.meta.url), 'utf8');

function withChange(document: unknown, change: (bom: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  change(copy);
  return copy;
}
const components = (bom: Record<string, unknown>) => bom['components'] as Record<string, unknown>[];

describe('fleet import', () => {
  it('imports the real CycloneDX hardware BOM example, one asset per device with its supplier as vendor', async () => {
    const store = createMemoryTrustStore();
    const change = await importFleet(store, 'uni', { format: 'cyclonedx', document: realExample }, 1);
    expect(change.added).toHaveLength(6);
    const fleet = await store.getFleet('uni');
    expect(fleet.find((a) => a.id === 'molex-47155-4001')).toMatchObject({
      vendor: 'Molex',
      model: '47155-4001',
    });
    expect(change.vendorsAffected).toContain('Samtec');
  });

  it('imports server firmware from a CycloneDX fleet and indexes it by product, component and version', async () => {
    const store = createMemoryTrustStore();
    await importFleet(store, 'acme', { format: 'cyclonedx', document: acmeBom }, 1);
    expect(await store.findAssets('acme', 'Supermicro', 'X12DPi-NT6', 'BMC', '01.01.10')).toEqual([
      'srv-001',
    ]);
    const server = (await store.getFleet('acme')).find((a) => a.id === 'srv-001');
    const bmc = server?.components.find((c) => c.id === 'BMC');
    expect(bmc?.hashes).toEqual(['sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']);
    expect(await store.customersOfVendor('Supermicro')).toEqual([{ customerId: 'acme', share: 2 / 3 }]);
  });

  it("files each asset under the vendor id the importer's resolver gives, everywhere the fleet is indexed", async () => {
    const store = createMemoryTrustStore();
    const vendorIdOf = (name: string) => (name === 'Supermicro' ? 'vendor:supermicro' : name);
    const change = await importFleet(store, 'acme', { format: 'cyclonedx', document: acmeBom }, 1, {
      vendorIdOf,
    });
    expect(change.vendorsAffected).toContain('vendor:supermicro');
    expect(change.vendorsAffected).not.toContain('Supermicro');
    expect(await store.findAssets('acme', 'vendor:supermicro', 'X12DPi-NT6', 'BMC', '01.01.10')).toEqual([
      'srv-001',
    ]);
    expect(await store.customersOfVendor('vendor:supermicro')).toEqual([
      { customerId: 'acme', share: 2 / 3 },
    ]);
    expect(await store.customersOfVendor('Supermicro')).toEqual([]);
  });

  it('reads the same fleet from the simple CSV format as from CycloneDX', async () => {
    const fromCsv = createMemoryTrustStore();
    const fromBom = createMemoryTrustStore();
    await importFleet(fromCsv, 'acme', { format: 'csv', text: acmeCsv }, 1);
    await importFleet(fromBom, 'acme', { format: 'cyclonedx', document: acmeBom }, 1);
    const sorted = async (s: typeof fromCsv) =>
      (await s.getFleet('acme')).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(await sorted(fromCsv)).toEqual(await sorted(fromBom));
  });

  it.each([
    [
      'an unknown component type',
      (b: Record<string, unknown>) => void (components(b)[0]!['type'] = 'server'),
      '/components/0/type',
    ],
    ['a missing bomFormat', (b: Record<string, unknown>) => void delete b['bomFormat'], '/'],
    [
      'an unknown hash algorithm on nested firmware',
      (b: Record<string, unknown>) =>
        void (((components(b)[0]!['components'] as Record<string, unknown>[])[0]!['hashes'] as object[])[0] =
          {
            alg: 'CRC32',
            content: 'abcd',
          }),
      '/components/0/components/0/hashes/0/alg',
    ],
    [
      'a device naming no vendor',
      (b: Record<string, unknown>) => void delete components(b)[2]!['supplier'],
      '/components/2',
    ],
  ])('rejects a BOM with %s, names the path and keeps the previous fleet', async (_name, mutate, path) => {
    const store = createMemoryTrustStore();
    await importFleet(store, 'acme', { format: 'csv', text: acmeCsv }, 1);
    const before = await store.getFleet('acme');
    const bad = withChange(acmeBom, mutate);
    await expect(importFleet(store, 'acme', { format: 'cyclonedx', document: bad }, 2)).rejects.toMatchObject(
      {
        code: 'INVALID_FLEET',
        path,
      },
    );
    expect(await store.getFleet('acme')).toEqual(before);
  });

  it('rejects a CSV row with missing fields and names its line', async () => {
    const store = createMemoryTrustStore();
    const text = `${acmeCsv}srv-004,Supermicro\n`;
    await expect(importFleet(store, 'acme', { format: 'csv', text }, 1)).rejects.toMatchObject({
      code: 'INVALID_FLEET',
      path: 'line 6',
    });
    expect(await store.getFleet('acme')).toEqual([]);
  });
});
