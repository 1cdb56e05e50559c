import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testCatalog, SHARED_DATA } from '../test-support/deps.js';
import { parseCveRecord } from './cve.js';

const record = (id: string): Buffer => readFileSync(`${SHARED_DATA}cve-records/${id}.json`);

describe('parseCveRecord', () => {
  it('resolves the SMCI vendor of CVE-2024-10237 to Supermicro and keeps the BMC version', () => {
    const advisory = parseCveRecord(record('CVE-2024-10237'), testCatalog());
    expect(advisory).toEqual({
      advisoryId: 'CVE-2024-10237',
      title: 'SMC BMC Firmware Image Authentication Design Issue',
      published: '2025-02-04T07:59:26.354Z',
      severity: { cvssScore: 7.2, baseSeverity: 'HIGH' },
      affected: [
        {
          vendorId: 'vendor:supermicro',
          vendorName: 'SMCI',
          product: 'MBD-X12DPG-OA6',
          versionType: 'BMC',
          defaultStatus: 'unaffected',
          versions: [{ version: '1.04.16', status: 'affected' }],
        },
      ],
      references: ['https://www.supermicro.com/en/support/security_BMC_IPMI_Jan_2025'],
    });
  });

  it('reads CVE-2025-6198 with its medium severity and affected-by-default status', () => {
    const advisory = parseCveRecord(record('CVE-2025-6198'), testCatalog());
    expect(advisory.severity).toEqual({ cvssScore: 6.4, baseSeverity: 'MEDIUM' });
    expect(advisory.affected[0]).toMatchObject({
      vendorId: 'vendor:supermicro',
      product: 'X13SEM-F',
      defaultStatus: 'affected',
    });
  });

  it.each(['CVE-2019-16649', 'CVE-2019-16650'])(
    'takes the vendor of %s from its description when the record says n/a, and adds the missing UTC zone',
    (id) => {
      const advisory = parseCveRecord(record(id), testCatalog());
      expect(advisory.affected.map((product) => [product.vendorId, product.product])).toEqual([
        ['vendor:supermicro', 'n/a'],
      ]);
      expect(advisory.published).toMatch(/^2019-09-2\dT\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(advisory.references.length).toBeGreaterThan(0);
    },
  );

  it('keeps lessThan and lessThanOrEqual ranges as the record states them', () => {
    const data = JSON.parse(record('CVE-2024-10237').toString('utf8')) as {
      containers: { cna: { affected: { versions: Record<string, unknown>[] }[] } };
    };
    data.containers.cna.affected[0]!.versions = [
      { version: '1.00', lessThan: '1.04.16', status: 'affected', versionType: 'BMC' },
      { version: '1.04.16', lessThanOrEqual: '1.05.02', status: 'affected', versionType: 'BMC' },
      { version: '2.0', status: 'unknown' },
    ];
    const advisory = parseCveRecord(JSON.stringify(data), testCatalog());
    expect(advisory.affected[0]?.versions).toEqual([
      { version: '1.00', lessThan: '1.04.16', status: 'affected' },
      { version: '1.04.16', lessThanOrEqual: '1.05.02', status: 'affected' },
    ]);
  });

  it('refuses a record whose vendor the catalog does not know', () => {
    const data = JSON.parse(record('CVE-2024-10237').toString('utf8')) as {
      containers: { cna: { affected: { vendor: string }[] } };
    };
    data.containers.cna.affected[0]!.vendor = 'Unheard Of Systems';
    expect(() => parseCveRecord(JSON.stringify(data), testCatalog())).toThrow(
      expect.objectContaining({ code: 'CVE_NO_KNOWN_VENDOR', retriable: false }),
    );
  });
});
