import { describe, expect, it } from 'vitest';
import { runRegistryFiles } from '../run-files.js';
import { catalog, fixture } from '../test-support/files.js';
import { parseRegistryCsv } from './parse-registry.js';

const BEFORE = 'registry/supermicro-2018-06-30.csv';
const AFTER = 'registry/supermicro-2019-01-31.json';

describe('the 2018 OSE move as a registry feed', () => {
  it('yields exactly one relocation of Super Micro motherboards from Suzhou (CN) to Kaohsiung (TW)', () => {
    const result = runRegistryFiles([fixture(AFTER), fixture(BEFORE)], { catalog });
    expect(result.errors).toEqual([]);
    expect(result.changes).toEqual([
      {
        vendorId: 'vendor:supermicro',
        vendorName: 'Supermicro',
        supplierId: 'supplier:ose',
        supplierName: 'Orient Semiconductor Electronics',
        componentCategory: 'motherboard',
        change: 'relocated',
        fromCountry: 'CN',
        toCountry: 'TW',
        facility: 'Kaohsiung',
        effectiveDate: '2018-10-01',
        source: { kind: 'registry', reference: 'supermicro-2019-01-31.json' },
      },
    ]);
  });

  it('reads the CSV snapshot with every spelling resolved to one vendor and ISO countries', () => {
    const input = fixture(BEFORE);
    const snapshot = parseRegistryCsv(input.text, { catalog, file: input.name, asOf: '2018-06-30' });
    expect(snapshot.asOf).toBe('2018-06-30');
    expect(
      snapshot.facts.map((f) => [f.vendorId, f.supplierId, f.componentCategory, f.country, f.facility]),
    ).toEqual([
      ['vendor:supermicro', 'supplier:ose', 'motherboard', 'CN', 'Suzhou'],
      ['vendor:supermicro', 'supplier:usi', 'motherboard', 'CN', 'Shanghai'],
      ['vendor:supermicro', 'supplier:wistron', 'motherboard', 'TW', 'Hsinchu'],
    ]);
  });

  it('reports a supplier dropped from the registry as removed on the later snapshot day', () => {
    const later = {
      name: 'registry/supermicro-2019-06-30.json',
      text: JSON.stringify({ asOf: '2019-06-30', entries: [] }),
    };
    const result = runRegistryFiles([fixture(BEFORE), later], { catalog });
    expect(result.changes.map((c) => [c.change, c.supplierId, c.fromCountry, c.effectiveDate])).toEqual([
      ['removed', 'supplier:ose', 'CN', '2019-06-30'],
      ['removed', 'supplier:usi', 'CN', '2019-06-30'],
      ['removed', 'supplier:wistron', 'TW', '2019-06-30'],
    ]);
  });
});
