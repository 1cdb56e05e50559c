import { describe, expect, it } from 'vitest';
import { catalog, fixture, realHbom } from '../test-support/files.js';
import { parseBom } from './parse-bom.js';

const options = { catalog, fallbackDate: '2026-11-24' };

describe('parseBom', () => {
  it('reads the real CycloneDX HBOM example: six supplier facts resolved through the catalog', () => {
    const input = realHbom();
    const bom = parseBom(input.text, { ...options, file: input.name });
    expect(bom.serialNumber).toBe('urn:uuid:e8c355aa-2142-4084-a8c7-6d42c8610ba2');
    expect(bom.productRef).toBe('pcie-sata-adaptor-board');
    expect(bom.version).toBe(1);
    expect(bom.effectiveDate).toBe('2022-01-09');
    // The example names no manufacturer; its component group is the last resort for the vendor.
    expect(bom.vendor).toEqual({ id: 'vendor:unlisted-uk-ac-cam-cl', name: 'uk.ac.cam.cl' });
    expect(bom.facts.map((f) => [f.supplierId, f.componentCategory, f.country])).toEqual([
      ['supplier:samtec', 'connector', undefined],
      ['supplier:molex', 'connector', undefined],
      ['supplier:3m', 'connector', undefined],
      ['supplier:multicomp', 'connector', undefined],
      ['supplier:te-connectivity', 'connector', undefined],
      ['supplier:multicomp', 'jumper', undefined],
    ]);
    expect(bom.source).toEqual({
      kind: 'bom',
      reference: 'urn:uuid:e8c355aa-2142-4084-a8c7-6d42c8610ba2 v1',
    });
  });

  it('normalises supplier countries and keeps the city as the facility', () => {
    const input = fixture('bom/pcie-sata-adapter-board.v2.bom.json');
    const bom = parseBom(input.text, { ...options, file: input.name });
    const te = bom.facts.find((f) => f.supplierId === 'supplier:te-connectivity');
    expect(te).toMatchObject({ country: 'TW', facility: 'Kaohsiung', supplierName: 'TE Connectivity' });
  });

  it('prefers the vendor the operator names, resolved through the catalog', () => {
    const input = realHbom();
    const bom = parseBom(input.text, { ...options, file: input.name, vendor: 'Super Micro Computer, Inc.' });
    expect(bom.vendor).toEqual({ id: 'vendor:supermicro', name: 'Supermicro' });
    expect(bom.facts.every((f) => f.vendorId === 'vendor:supermicro')).toBe(true);
  });

  it('takes manufacturers and nested components into account', () => {
    const text = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      metadata: {
        manufacturer: { name: 'Super Micro Computer, Inc.' },
        component: { type: 'device', name: 'X12' },
      },
      components: [
        {
          type: 'device',
          name: 'X12DPG-OA6 mainboard',
          manufacturer: {
            name: 'Orient Semiconductor Electronics, Ltd.',
            address: { country: 'TW', locality: 'Kaohsiung' },
          },
          components: [
            {
              type: 'firmware',
              name: 'BMC firmware',
              supplier: { name: 'ASPEED Technology Inc.', address: { country: 'Taiwan' } },
            },
          ],
        },
      ],
    });
    const bom = parseBom(text, { ...options, file: 'inline.json' });
    expect(bom.vendor.id).toBe('vendor:supermicro');
    expect(bom.effectiveDate).toBe('2026-11-24');
    expect(bom.facts.map((f) => [f.supplierId, f.componentCategory, f.country, f.facility])).toEqual([
      ['supplier:ose', 'motherboard', 'TW', 'Kaohsiung'],
      ['supplier:aspeed', 'bmc', 'TW', undefined],
    ]);
  });
});
