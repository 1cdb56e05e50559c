import { describe, expect, it } from 'vitest';
import type { IngestSupplierErrorCode } from './errors.js';
import { runBomFiles, runRegistryFiles, type InputFile } from './run-files.js';
import { catalog, fixture, fixtureJson } from './test-support/files.js';

const V1 = 'bom/pcie-sata-adapter-board.v1.bom.json';
const V2 = 'bom/pcie-sata-adapter-board.v2.bom.json';
const HEADER = 'vendor,supplier,component_category,facility,country,effective_date,source_url';

/** v2 with one edit applied to its JSON, under a new name. */
function editedV2(name: string, edit: (bom: Record<string, unknown>) => void): InputFile {
  const bom = fixtureJson(V2);
  edit(bom);
  return { name, text: JSON.stringify(bom) };
}

function teSupplier(bom: Record<string, unknown>): Record<string, unknown> {
  const components = bom['components'] as { supplier: Record<string, unknown> }[];
  return (components[4] as { supplier: Record<string, unknown> }).supplier;
}

const v2Text = fixture(V2).text;

describe('bad BOM files are refused with the file and the path, and the run goes on', () => {
  it.each<[string, InputFile, IngestSupplierErrorCode, string]>([
    ['a truncated BOM', { name: 'cut.json', text: v2Text.slice(0, v2Text.length / 2) }, 'INVALID_JSON', ''],
    ['a file that is not JSON', { name: 'notes.json', text: 'supplier: OSE' }, 'INVALID_JSON', ''],
    [
      'a BOM with a prototype-polluting key',
      { name: 'proto.json', text: '{"bomFormat":"CycloneDX","specVersion":"1.6","__proto__":{}}' },
      'INVALID_JSON',
      '',
    ],
    [
      'a component type the schema does not allow',
      editedV2('type.json', (bom) => {
        (bom['components'] as Record<string, unknown>[])[2] = { type: 'gadget', name: 'x' };
      }),
      'BOM_SCHEMA_VIOLATION',
      '/components/2/type',
    ],
    [
      'a document that is not a BOM',
      { name: 'spdx.json', text: '{"spdxVersion":"SPDX-2.3"}' },
      'BOM_SCHEMA_VIOLATION',
      '/',
    ],
    [
      'an unknown country',
      editedV2('country.json', (bom) => {
        teSupplier(bom)['address'] = { country: 'Atlantis' };
      }),
      'UNKNOWN_COUNTRY',
      '/components/4/supplier/address/country',
    ],
    [
      'a supplier with no name',
      editedV2('nameless.json', (bom) => {
        delete teSupplier(bom)['name'];
      }),
      'SUPPLIER_NAME_MISSING',
      '/components/4/supplier/name',
    ],
    [
      'a BOM that names no vendor',
      editedV2('vendorless.json', (bom) => {
        delete (bom['metadata'] as { component: Record<string, unknown> }).component['group'];
      }),
      'VENDOR_MISSING',
      '/metadata/manufacturer',
    ],
    [
      'a BOM that does not say which product it describes',
      editedV2('anonymous.json', (bom) => {
        delete bom['serialNumber'];
        delete (bom['metadata'] as { component: Record<string, unknown> }).component['bom-ref'];
      }),
      'PRODUCT_UNIDENTIFIED',
      '/serialNumber',
    ],
    ['an oversized file', { name: 'huge.json', text: ' '.repeat(17 * 1024 * 1024) }, 'FILE_TOO_LARGE', ''],
  ])('%s', (_label, bad, code, path) => {
    const result = runBomFiles([fixture(V1), bad, fixture(V2)], { catalog, fallbackDate: '2026-11-24' });
    expect(result.errors.map((e) => [e.code, e.file, e.path, e.retriable])).toEqual([
      [code, bad.name, path, false],
    ]);
    expect(result.errors[0]?.message).toContain(bad.name);
    // The good files still give their one relocation: nothing of the bad file was applied.
    expect(result.changes.map((c) => [c.supplierId, c.change])).toEqual([
      ['supplier:te-connectivity', 'relocated'],
    ]);
  });
});

describe('bad registry snapshots are refused with the file and the cell, and the run goes on', () => {
  const before = fixture('registry/supermicro-2018-06-30.csv');
  const after = fixture('registry/supermicro-2019-01-31.json');
  const csv = (name: string, ...rows: string[]): InputFile => ({ name, text: [HEADER, ...rows].join('\n') });

  it.each<[string, InputFile, IngestSupplierErrorCode, string]>([
    [
      'an unknown country',
      csv('c-2018-09-01.csv', 'Supermicro,OSE,motherboard,,Atlantis,2018-09-01,'),
      'UNKNOWN_COUNTRY',
      'line 2, column country',
    ],
    [
      'a row without a supplier',
      csv('s-2018-09-01.csv', 'Supermicro,,motherboard,,TW,2018-09-01,'),
      'SUPPLIER_NAME_MISSING',
      'line 2, column supplier',
    ],
    [
      'a row without a vendor',
      csv('v-2018-09-01.csv', ',OSE,motherboard,,TW,2018-09-01,'),
      'VENDOR_MISSING',
      'line 2, column vendor',
    ],
    [
      'an impossible date',
      csv('d-2018-09-01.csv', 'Supermicro,OSE,motherboard,,TW,2018-02-30,'),
      'REGISTRY_INVALID',
      'line 2, column effective_date',
    ],
    [
      'a non-http source',
      csv('u-2018-09-01.csv', 'Supermicro,OSE,motherboard,,TW,2018-09-01,file:///etc/passwd'),
      'REGISTRY_INVALID',
      'line 2, column source_url',
    ],
    [
      'an unknown column',
      { name: 'h-2018-09-01.csv', text: 'vendor,supplier,plant\nSupermicro,OSE,x' },
      'REGISTRY_INVALID',
      'line 1',
    ],
    [
      'a CSV with an unclosed quote',
      { name: 'q-2018-09-01.csv', text: `${HEADER}\n"Supermicro,OSE` },
      'INVALID_CSV',
      '',
    ],
    [
      'a JSON entry with an unknown country',
      {
        name: 'j.json',
        text: JSON.stringify({
          asOf: '2018-09-01',
          entries: [
            {
              vendor: 'SMCI',
              supplier: 'OSE',
              componentCategory: 'motherboard',
              country: 'Narnia',
              effectiveDate: '2018-09-01',
            },
          ],
        }),
      },
      'UNKNOWN_COUNTRY',
      '/entries/0/country',
    ],
    ['a JSON snapshot without asOf', { name: 'n.json', text: '{"entries":[]}' }, 'REGISTRY_INVALID', '/asOf'],
    ['a duplicated snapshot', { ...after, name: 'registry/z-copy.json' }, 'DUPLICATE_SNAPSHOT', '/asOf'],
  ])('%s', (_label, bad, code, path) => {
    const result = runRegistryFiles([before, bad, after], { catalog });
    expect(result.errors.map((e) => [e.code, e.file, e.path])).toEqual([[code, bad.name, path]]);
    expect(result.changes.map((c) => [c.supplierId, c.change])).toEqual([['supplier:ose', 'relocated']]);
  });
});
