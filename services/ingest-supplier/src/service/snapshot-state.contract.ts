// The SupplierSnapshots contract: every adapter (memory, file, Redis) must pass it, so the flow behaves
// the same whichever one main.ts picks. Run from snapshot-state.test.ts and redis-snapshot-state.int.test.ts.
import { describe, expect, it } from 'vitest';
import { parseBom } from '../bom/parse-bom.js';
import { parseRegistryCsv, parseRegistryJson } from '../registry/parse-registry.js';
import { catalog, fixture } from '../test-support/files.js';
import { bomKeys, registryKey, type StoredSnapshot, type SupplierSnapshots } from './snapshot-state.js';

type BomEntry = Extract<StoredSnapshot, { kind: 'bom' }>;
type RegistryEntry = Extract<StoredSnapshot, { kind: 'registry' }>;

/** A parsed fixture BOM as the flow would store it. */
export function bomEntry(path: string): BomEntry {
  const file = fixture(path);
  return {
    kind: 'bom',
    snapshot: parseBom(file.text, { file: file.name, catalog, fallbackDate: '2026-01-01' }),
  };
}

/** A parsed fixture registry snapshot (CSV or JSON) as the flow would store it. */
export function registryEntry(path: string): RegistryEntry {
  const file = fixture(path);
  const parse = path.endsWith('.csv') ? parseRegistryCsv : parseRegistryJson;
  return { kind: 'registry', snapshot: parse(file.text, { file: file.name, catalog }) };
}

export const BOM_V1 = 'bom/pcie-sata-adapter-board.v1.bom.json';
export const BOM_V2 = 'bom/pcie-sata-adapter-board.v2.bom.json';
export const FEED_BEFORE = 'registry/supermicro-2018-06-30.csv';
export const FEED_AFTER = 'registry/supermicro-2019-01-31.json';

/** Runs the contract on fresh, empty state from `open` for each test. */
export function supplierSnapshotsContract(name: string, open: () => Promise<SupplierSnapshots>): void {
  describe(`${name} snapshot state (SupplierSnapshots contract)`, () => {
    it('has no snapshot for a product or feed it was never given', async () => {
      const state = await open();
      expect(await state.get(['bom:serial:none', registryKey('none')])).toBeUndefined();
    });

    it('gives back a BOM under any of its keys, looking them up in order', async () => {
      const state = await open();
      const entry = bomEntry(BOM_V1);
      const keys = bomKeys(entry.snapshot);
      expect(keys).toHaveLength(2);
      await state.put(keys, entry);
      expect(await state.get(keys)).toEqual(entry);
      expect(await state.get(['bom:serial:unknown', ...keys.slice(1)])).toEqual(entry);
    });

    it('replaces a product snapshot with the next version under every key', async () => {
      const state = await open();
      const first = bomEntry(BOM_V1);
      const second = bomEntry(BOM_V2);
      await state.put(bomKeys(first.snapshot), first);
      await state.put(bomKeys(second.snapshot), second);
      for (const key of bomKeys(second.snapshot)) expect(await state.get([key])).toEqual(second);
    });

    it('keeps registry feeds apart from each other and replaces a feed with its later day', async () => {
      const state = await open();
      const before = registryEntry(FEED_BEFORE);
      const after = registryEntry(FEED_AFTER);
      await state.put([registryKey('supermicro')], before);
      await state.put([registryKey('other')], before);
      await state.put([registryKey('supermicro')], after);
      expect(await state.get([registryKey('supermicro')])).toEqual(after);
      expect(await state.get([registryKey('other')])).toEqual(before);
    });

    it('stores a copy: changing an entry after put or after get changes nothing stored', async () => {
      const state = await open();
      const entry = registryEntry(FEED_BEFORE);
      const key = registryKey('copies');
      await state.put([key], entry);
      (entry.snapshot.facts as unknown[]).length = 0;
      const read = (await state.get([key])) as RegistryEntry;
      expect(read.snapshot.facts.length).toBeGreaterThan(0);
      (read.snapshot.facts as unknown[]).length = 0;
      expect(await state.get([key])).toEqual(registryEntry(FEED_BEFORE));
    });

    it('remembers which files were handled, marking one twice being harmless', async () => {
      const state = await open();
      expect(await state.handled('file_a')).toBe(false);
      await state.markHandled('file_a');
      await state.markHandled('file_a');
      expect(await state.handled('file_a')).toBe(true);
      expect(await state.handled('file_b')).toBe(false);
    });
  });
}
