import { describe, expect, it } from 'vitest';
import { IngestFirmwareError } from '../errors.js';
import { createCatalogLookup } from './catalog.js';
import { parseCatalogCsv, parseCatalogJson } from './catalog-file.js';

const SHA = 'c0ffee'.padEnd(64, '0');
const CSV = [
  'vendor,model,component,componentId,version,softwareId,hashAlgorithm,hash,source',
  `Supermicro,X12DPi-N6,bmc,,01.03.18,,sha256,${SHA},https://www.supermicro.com/en/support/resources/downloadcenter`,
  'Supermicro,,bios,,2.0,,,,',
].join('\n');

const JSON_CATALOG = JSON.stringify({
  entries: [
    {
      vendor: 'Supermicro',
      model: 'X12DPi-N6',
      component: 'bmc',
      version: '01.03.18',
      hash: { algorithm: 'sha256', value: SHA },
    },
    { vendor: 'Supermicro', component: 'bios', version: '2.0' },
  ],
});

const query = (kind: 'bmc' | 'bios' | 'nic', version: string, extra: object = {}) => ({
  vendor: 'supermicro',
  model: 'X12DPi-N6',
  component: { id: kind.toUpperCase(), kind },
  state: { version, ...extra },
});

describe('known-good catalog files', () => {
  it('reads the same catalog from CSV and from JSON', () => {
    const fromCsv = parseCatalogCsv(CSV);
    const fromJson = parseCatalogJson(JSON_CATALOG);
    expect(fromCsv.entries.map(({ source: _source, ...rest }) => rest)).toEqual(fromJson.entries);
  });

  it('rejects a CSV with an unknown column, naming it', () => {
    expect(() => parseCatalogCsv('vendor,component,version,__proto__\nSupermicro,bmc,1.0,x')).toThrow(
      /__proto__/,
    );
  });

  it('rejects a row whose hash length does not match its algorithm', () => {
    const bad = 'vendor,component,version,hashAlgorithm,hash\nSupermicro,bmc,1.0,sha256,abcd';
    expect(() => parseCatalogCsv(bad)).toThrow(IngestFirmwareError);
  });

  it('rejects JSON with an unknown component kind as CATALOG_INVALID', () => {
    const bad = JSON.stringify({ entries: [{ vendor: 'Supermicro', component: 'toaster', version: '1' }] });
    expect(() => parseCatalogJson(bad)).toThrow(
      expect.objectContaining({ code: 'CATALOG_INVALID', retriable: false }),
    );
  });
});

describe('catalog lookup', () => {
  const lookup = createCatalogLookup(parseCatalogJson(JSON_CATALOG));

  it('knows a published version whose digest matches, however the version is spelled', () => {
    expect(lookup(query('bmc', '1.3.18', { hash: { algorithm: 'sha256', value: SHA.toUpperCase() } }))).toBe(
      'yes',
    );
  });

  it('says no to a published version carrying a different digest', () => {
    expect(lookup(query('bmc', '01.03.18', { hash: { algorithm: 'sha256', value: 'f'.repeat(64) } }))).toBe(
      'no',
    );
  });

  it('says no to a version the vendor never published for a covered component', () => {
    expect(lookup(query('bios', '1.9'))).toBe('no');
  });

  it('says unknown for a component the catalog does not cover', () => {
    expect(lookup(query('nic', '22.31.1014'))).toBe('unknown');
  });
});
