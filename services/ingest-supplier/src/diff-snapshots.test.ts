import fc from 'fast-check';
import type { SupplierChanged } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './diff-snapshots.js';
import type { FactSnapshot, SupplierFact } from './facts.js';

const factArbitrary: fc.Arbitrary<SupplierFact> = fc
  .record({
    vendor: fc.constantFrom('vendor:supermicro', 'vendor:dell'),
    supplier: fc.constantFrom('supplier:ose', 'supplier:usi', 'supplier:wistron'),
    category: fc.constantFrom('motherboard', 'bmc'),
    country: fc.option(fc.constantFrom('CN', 'TW', 'US', 'MX'), { nil: undefined }),
  })
  .map(({ vendor, supplier, category, country }) => ({
    vendorId: vendor,
    vendorName: vendor.slice(7),
    supplierId: supplier,
    supplierName: supplier.slice(9),
    componentCategory: category,
    ...(country === undefined ? {} : { country }),
  }));

const snapshot = (facts: readonly SupplierFact[], date: string): FactSnapshot => ({
  file: `${date}.json`,
  facts,
  effectiveDate: date,
  source: { kind: 'registry', reference: `${date}.json` },
});

const factsArbitrary = fc.array(factArbitrary, { maxLength: 12 });
const count = (changes: SupplierChanged[], kind: SupplierChanged['change']): number =>
  changes.filter((c) => c.change === kind).length;

describe('diffSnapshots', () => {
  it('finds nothing between a snapshot and itself', () => {
    fc.assert(
      fc.property(factsArbitrary, (facts) => {
        expect(diffSnapshots(snapshot(facts, '2018-01-01'), snapshot(facts, '2018-02-01'))).toEqual([]);
      }),
    );
  });

  it('mirrors: what one direction adds the other removes, and relocations swap ends', () => {
    fc.assert(
      fc.property(factsArbitrary, factsArbitrary, (a, b) => {
        const forward = diffSnapshots(snapshot(a, '2018-01-01'), snapshot(b, '2018-02-01'));
        const backward = diffSnapshots(snapshot(b, '2018-01-01'), snapshot(a, '2018-02-01'));
        expect(count(forward, 'added')).toBe(count(backward, 'removed'));
        expect(count(forward, 'removed')).toBe(count(backward, 'added'));
        const ends = (changes: SupplierChanged[], swap: boolean): string[] =>
          changes
            .filter((c) => c.change === 'relocated')
            .map((c) =>
              [
                c.supplierId,
                c.componentCategory,
                ...(swap ? [c.toCountry, c.fromCountry] : [c.fromCountry, c.toCountry]),
              ].join(' '),
            )
            .sort();
        expect(ends(forward, false)).toEqual(ends(backward, true));
      }),
      // Small pools of ids and countries make collisions (the interesting cases) common; 500 runs is cheap.
      { numRuns: 500 },
    );
  });

  it('pairs a supplier leaving two countries for one as one relocation and one removal', () => {
    const base = {
      vendorId: 'vendor:supermicro',
      vendorName: 'Supermicro',
      supplierId: 'supplier:ose',
      supplierName: 'OSE',
      componentCategory: 'motherboard',
    };
    const changes = diffSnapshots(
      snapshot(
        [
          { ...base, country: 'CN' },
          { ...base, country: 'MX' },
        ],
        '2018-01-01',
      ),
      snapshot(
        [{ ...base, country: 'TW', facility: 'Kaohsiung', effectiveDate: '2018-10-01' }],
        '2019-01-31',
      ),
    );
    expect(changes.map((c) => [c.change, c.fromCountry, c.toCountry, c.effectiveDate])).toEqual([
      ['relocated', 'CN', 'TW', '2018-10-01'],
      ['removed', 'MX', undefined, '2019-01-31'],
    ]);
  });
});
