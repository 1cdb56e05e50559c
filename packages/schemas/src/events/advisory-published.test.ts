import { describe, expect, it } from 'vitest';
import { createEvent } from '../registry/registry.js';
import { advisoryPublishedSchema } from './advisory-published.js';
import { advisoryFromCve, cveRecord } from './fixtures/examples.js';

describe('advisory.published', () => {
  it('accepts CVE-2024-10237 with its Supermicro BMC affected version and CVSS score', () => {
    const advisory = advisoryPublishedSchema.parse(advisoryFromCve(cveRecord()));
    expect(advisory.severity).toEqual({ cvssScore: 7.2, baseSeverity: 'HIGH' });
    expect(advisory.affected).toEqual([
      {
        vendorId: 'supermicro',
        vendorName: 'SMCI',
        product: 'MBD-X12DPG-OA6',
        versionType: 'BMC',
        defaultStatus: 'unaffected',
        versions: [{ version: '1.04.16', status: 'affected' }],
      },
    ]);
  });

  it('is keyed by the advisory id', () => {
    const event = createEvent({
      type: 'com.trustwatch.advisory.published.v1',
      source: 'trustwatch://ingest-advisories/cvelist',
      id: 'CVE-2024-10237',
      time: '2025-02-04T07:59:26.354Z',
      data: advisoryFromCve(cveRecord()),
    });
    expect(event.partitionkey).toBe('CVE-2024-10237');
  });

  it('accepts a range with an exclusive upper bound', () => {
    const advisory = advisoryFromCve(cveRecord());
    const [product] = advisory.affected;
    if (product === undefined) throw new Error('fixture has no affected product');
    product.versions = [{ version: '1.00.00', lessThan: '1.04.17', status: 'affected' }];
    expect(advisoryPublishedSchema.safeParse(advisory).success).toBe(true);
  });

  it.each([
    ['a non-CVE id', { advisoryId: 'GHSA-xxxx-yyyy-zzzz' }],
    ['a CVSS score above 10', { severity: { cvssScore: 10.1 } }],
    ['a reference that is not http(s)', { references: ['ftp://example.com/advisory'] }],
    ['a publication time without offset', { published: '2019-09-21T01:54:55' }],
    ['an unknown key', { cwe: 'CWE-347' }],
  ])('rejects %s', (_label, patch) => {
    expect(advisoryPublishedSchema.safeParse({ ...advisoryFromCve(cveRecord()), ...patch }).success).toBe(
      false,
    );
  });
});
