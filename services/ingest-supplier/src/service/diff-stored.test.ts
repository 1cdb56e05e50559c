import { describe, expect, it } from 'vitest';
import { parseBom, type BomSnapshot } from '../bom/parse-bom.js';
import { IngestSupplierError } from '../errors.js';
import { catalog, fixtureJson } from '../test-support/files.js';
import { diffStored } from './diff-stored.js';
import type { StoredSnapshot } from './snapshot-state.js';

function bom(
  name: string,
  edit: (document: Record<string, unknown>) => void = () => undefined,
): StoredSnapshot {
  const document = fixtureJson(name);
  edit(document);
  const snapshot: BomSnapshot = parseBom(JSON.stringify(document), {
    file: name,
    catalog,
    fallbackDate: '2026-01-01',
  });
  return { kind: 'bom', snapshot };
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof IngestSupplierError ? error.code : 'not an IngestSupplierError';
  }
}

const V1 = 'bom/pcie-sata-adapter-board.v1.bom.json';
const V2 = 'bom/pcie-sata-adapter-board.v2.bom.json';

describe('diffing against the stored snapshot', () => {
  it('treats the first snapshot of a product as its baseline', () => {
    expect(diffStored(undefined, bom(V2))).toEqual([]);
  });

  it('refuses a lower version of the same BOM serial as stale', () => {
    expect(codeOf(() => diffStored(bom(V2), bom(V1)))).toBe('STALE_SNAPSHOT');
  });

  it('orders BOMs whose tool mints a new serial each time by their date', () => {
    const newSerial = (document: Record<string, unknown>): void => {
      document['serialNumber'] = 'urn:uuid:0b4d9a1e-3f7c-4c1e-9a55-2d7e1c9f0a11';
    };
    expect(codeOf(() => diffStored(bom(V2), bom(V1, newSerial)))).toBe('STALE_SNAPSHOT');
    expect(diffStored(bom(V1), bom(V2, newSerial)).map((c) => c.change)).toEqual(['relocated']);
  });

  it('reports a saved snapshot of the wrong kind as damaged state, not as a bad file', () => {
    const registry: StoredSnapshot = {
      kind: 'registry',
      snapshot: {
        file: 'feed.json',
        facts: [],
        asOf: '2019-01-31',
        effectiveDate: '2019-01-31',
        source: { kind: 'registry' },
      },
    };
    expect(codeOf(() => diffStored(registry, bom(V2)))).toBe('STATE_INVALID');
  });
});
