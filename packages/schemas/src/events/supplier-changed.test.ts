import { describe, expect, it } from 'vitest';
import { createEvent } from '../registry/registry.js';
import { oseRelocation } from './fixtures/examples.js';
import { supplierChangedSchema } from './supplier-changed.js';

function paths(data: unknown): string[] {
  const result = supplierChangedSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('supplier.changed', () => {
  it('accepts OSE moving Super Micro motherboard production from CN to TW, keyed by vendor', () => {
    const event = createEvent({
      type: 'com.trustwatch.supplier.changed.v1',
      source: 'trustwatch://ingest-supplier/bom-diff',
      id: 'ose-relocation-2018q4',
      time: '2018-10-01T00:00:00Z',
      data: oseRelocation(),
    });
    expect(event.data).toEqual(oseRelocation());
    expect(event.partitionkey).toBe('supermicro');
  });

  it('rejects a relocation without a destination country', () => {
    const { toCountry: _to, ...withoutTo } = oseRelocation();
    expect(paths(withoutTo)).toEqual(['toCountry']);
  });

  it('rejects a relocation that stays in the same country', () => {
    expect(paths({ ...oseRelocation(), toCountry: 'CN' })).toEqual(['toCountry']);
  });

  it.each([
    ['lower case', 'tw'],
    ['unassigned', 'XX'],
    ['alpha-3', 'TWN'],
    ['user-assigned Kosovo', 'XK'],
  ])('rejects a %s country code', (_label, code) => {
    expect(paths({ ...oseRelocation(), toCountry: code })).toEqual(['toCountry']);
  });

  it('accepts an added supplier with no countries at all', () => {
    const { fromCountry: _from, toCountry: _to, ...rest } = oseRelocation();
    expect(paths({ ...rest, change: 'added' })).toEqual([]);
  });

  it('rejects an impossible effective date, a timestamp for a date, and an unknown key', () => {
    expect(paths({ ...oseRelocation(), effectiveDate: '2018-13-01' })).toEqual(['effectiveDate']);
    expect(paths({ ...oseRelocation(), effectiveDate: '2018-10-01T00:00:00Z' })).toEqual(['effectiveDate']);
    expect(paths({ ...oseRelocation(), city: 'Kaohsiung' })).toEqual(['']);
  });

  it('rejects an oversize supplier name', () => {
    expect(paths({ ...oseRelocation(), supplierName: 'O'.repeat(201) })).toEqual(['supplierName']);
  });
});
