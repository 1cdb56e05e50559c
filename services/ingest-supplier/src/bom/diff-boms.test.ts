import { createEvent, supplierChangedSchema } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { IngestSupplierError } from '../errors.js';
import { runBomFiles } from '../run-files.js';
import { catalog, fixture, fixtureJson, realHbom } from '../test-support/files.js';
import { diffBoms } from './diff-boms.js';
import { parseBom, type BomSnapshot } from './parse-bom.js';

const options = { catalog, fallbackDate: '2026-11-24' };
const V1 = 'bom/pcie-sata-adapter-board.v1.bom.json';
const V2 = 'bom/pcie-sata-adapter-board.v2.bom.json';

function parsed(name: string, text = fixture(name).text): BomSnapshot {
  return parseBom(text, { ...options, file: name });
}

describe('diffBoms', () => {
  it('turns the derived second version into exactly one relocation, CN to TW', () => {
    const changes = diffBoms(parsed(V1), parsed(V2));
    expect(changes).toEqual([
      {
        vendorId: 'vendor:unlisted-uk-ac-cam-cl',
        vendorName: 'uk.ac.cam.cl',
        supplierId: 'supplier:te-connectivity',
        supplierName: 'TE Connectivity',
        componentCategory: 'connector',
        change: 'relocated',
        fromCountry: 'CN',
        toCountry: 'TW',
        facility: 'Kaohsiung',
        effectiveDate: '2022-06-01',
        source: { kind: 'bom', reference: 'urn:uuid:e8c355aa-2142-4084-a8c7-6d42c8610ba2 v2' },
      },
    ]);
  });

  it('produces data the event registry accepts as supplier.changed', () => {
    const [change] = diffBoms(parsed(V1), parsed(V2));
    expect(supplierChangedSchema.safeParse(change).success).toBe(true);
    const event = createEvent({
      type: 'com.trustwatch.supplier.changed.v1',
      id: 'evt-1',
      source: 'urn:trustwatch:ingest-supplier',
      time: '2026-11-24T12:00:00Z',
      data: change as NonNullable<typeof change>,
    });
    expect(event.partitionkey).toBe('vendor:unlisted-uk-ac-cam-cl');
  });

  it('reports nothing when countries only become known', () => {
    const real = realHbom();
    expect(diffBoms(parseBom(real.text, { ...options, file: real.name }), parsed(V2))).toEqual([]);
  });

  it('reports a dropped and a new supplier as removed and added', () => {
    const bom = fixtureJson(V2);
    const components = bom['components'] as { supplier: { name: string } }[];
    (components[0] as { supplier: { name: string } }).supplier.name = 'Molex';
    const changes = diffBoms(parsed(V1), parsed('edited.json', JSON.stringify(bom)));
    expect(changes.map((c) => [c.change, c.supplierId, c.fromCountry ?? c.toCountry])).toEqual([
      ['removed', 'supplier:samtec', 'US'],
      ['relocated', 'supplier:te-connectivity', 'CN'],
    ]);
  });

  it('refuses to diff two different products', () => {
    const bom = fixtureJson(V2);
    bom['serialNumber'] = 'urn:uuid:00000000-0000-4000-8000-000000000000';
    (bom['metadata'] as { component: Record<string, unknown> }).component['bom-ref'] = 'another-board';
    expect(() => diffBoms(parsed(V1), parsed('other.json', JSON.stringify(bom)))).toThrow(
      expect.objectContaining({ code: 'BOM_MISMATCH', file: 'other.json' }),
    );
  });

  it('orders a multi-file run by BOM version, whatever the file order', () => {
    const result = runBomFiles([fixture(V2), fixture(V1)], options);
    expect(result.errors).toEqual([]);
    expect(result.changes.map((c) => [c.change, c.fromCountry, c.toCountry])).toEqual([
      ['relocated', 'CN', 'TW'],
    ]);
  });

  it('reports a repeated BOM version as a duplicate and keeps going', () => {
    const result = runBomFiles([fixture(V1), { ...fixture(V1), name: 'copy.json' }, fixture(V2)], options);
    expect(result.errors.map((e) => [e.code, e.file])).toEqual([['DUPLICATE_SNAPSHOT', 'copy.json']]);
    expect(result.errors[0]).toBeInstanceOf(IngestSupplierError);
    expect(result.changes).toHaveLength(1);
  });
});
