import picocolors from 'picocolors';
import type { TrustChanged } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { renderChange, renderFinalTable } from './render.js';

const change: TrustChanged = {
  customerId: 'acme',
  at: '2018-10-04T09:00:00.000Z',
  overall: { before: 82, after: 69.125 },
  vendors: [{ vendorId: 'vendor:supermicro', before: 76, after: 56 }],
  factors: [
    {
      id: 'f1',
      kind: 'news_allegation',
      change: 'added',
      vendorId: 'vendor:supermicro',
      summary: 's',
      contribution: 14.3,
    },
  ],
  omittedFactorCount: 0,
  crossings: [
    {
      threshold: 'warning',
      value: 60,
      direction: 'down',
      scope: { level: 'vendor', vendorId: 'vendor:supermicro' },
    },
  ],
  evidence: [],
  policyVersion: 'p',
  causeEventIds: ['e1'],
};
const names = (id: string) => (id === 'vendor:supermicro' ? 'Supermicro' : id);

describe('rendering', () => {
  it('shows a change with one decimal, the vendor by name, its factor and the crossing', () => {
    const text = renderChange(change, names, picocolors.createColors(false));
    expect(text).toContain('82.0 -> 69.1 (-12.9)');
    expect(text).toMatch(/Supermicro +76\.0 -> 56\.0 \(-20\.0\)/);
    expect(text).toContain('added news allegation (14.3 pts)');
    expect(text).toContain('Supermicro below warning (60)');
  });

  it('paints a fall red and a rise green when colour is on', () => {
    const c = picocolors.createColors(true);
    expect(renderChange(change, names, c)).toContain(c.red('82.0 -> 69.1 (-12.9)'));
    const rise = {
      ...change,
      overall: { before: 69.1, after: 71.1 },
      vendors: [],
      factors: [],
      crossings: [],
    };
    expect(renderChange(rise, names, c)).toContain(c.green('69.1 -> 71.1 (+2.0)'));
  });

  it('widens the vendor column to the longest vendor name in the final table', () => {
    const table = renderFinalTable(
      [
        {
          customerId: 'acme',
          at: change.at,
          score: 90,
          band: null,
          activeFactors: 1,
          vendors: [{ vendorId: 'Hewlett Packard Enterprise', score: 90, band: null }],
        },
      ],
      names,
      picocolors.createColors(false),
    );
    const [header, overall, vendor] = table.split('\n');
    // Every score ends where the header's `score` ends: the column is aligned whatever the names.
    const end = (line: string | undefined, text: string) => (line?.indexOf(text) ?? -1) + text.length;
    expect(end(overall, '90.0')).toBe(end(header, 'score'));
    expect(end(vendor, '90.0')).toBe(end(header, 'score'));
    expect(vendor).toContain('Hewlett Packard Enterprise');
  });
});
