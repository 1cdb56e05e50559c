import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBom } from '../bom/parse-bom.js';
import { IngestSupplierError } from '../errors.js';
import { catalog, fixture } from '../test-support/files.js';
import { startHarness } from '../test-support/supplier-harness.js';
import { openFileSupplierSnapshots } from './file-snapshot-state.js';
import { bomKeys, createMemorySupplierSnapshots, type StoredSnapshot } from './snapshot-state.js';

const V1 = 'bom/pcie-sata-adapter-board.v1.bom.json';
const V2 = 'bom/pcie-sata-adapter-board.v2.bom.json';

function bomEntry(path: string): Extract<StoredSnapshot, { kind: 'bom' }> {
  const file = fixture(path);
  return {
    kind: 'bom',
    snapshot: parseBom(file.text, { file: file.name, catalog, fallbackDate: '2026-01-01' }),
  };
}

describe('the file-backed snapshot state', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supplier-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives back, after reopening, the snapshot stored under any of its keys, like the memory one', async () => {
    const entry = bomEntry(V1);
    const keys = bomKeys(entry.snapshot);
    const memory = createMemorySupplierSnapshots();
    await memory.put(keys, entry);
    await (await openFileSupplierSnapshots(dir)).put(keys, entry);
    const reopened = await openFileSupplierSnapshots(dir);
    expect(await reopened.get(['bom:serial:unknown', ...keys.slice(1)])).toEqual(entry);
    expect(await reopened.get(keys)).toEqual(await memory.get(keys));
    expect(await reopened.get(['bom:serial:unknown'])).toBeUndefined();
  });

  it('remembers handled files across reopening', async () => {
    await (await openFileSupplierSnapshots(dir)).markHandled('file_abc');
    const reopened = await openFileSupplierSnapshots(dir);
    expect(await reopened.handled('file_abc')).toBe(true);
    expect(await reopened.handled('file_def')).toBe(false);
  });

  it('leaves no temporary files behind after writing', async () => {
    const state = await openFileSupplierSnapshots(dir);
    await state.put(['registry:feed'], bomEntry(V1));
    await state.put(['registry:feed'], bomEntry(V2));
    const names = await readdir(join(dir, 'snapshots'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^key_[0-9a-f]{32}\.json$/);
  });

  it('refuses a damaged saved snapshot as STATE_INVALID instead of diffing against it', async () => {
    const state = await openFileSupplierSnapshots(dir);
    await state.put(['registry:feed'], bomEntry(V1));
    const [name] = await readdir(join(dir, 'snapshots'));
    await writeFile(join(dir, 'snapshots', name ?? ''), '{"key":"registry:feed","entry":{"kind":"bom"}}');
    const error = await state.get(['registry:feed']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestSupplierError);
    expect((error as IngestSupplierError).code).toBe('STATE_INVALID');
  });

  it('lets a restarted service diff the next BOM version against the one applied before the restart', async () => {
    const inputs = await mkdtemp(join(tmpdir(), 'supplier-inputs-'));
    try {
      const first = await startHarness({ snapshots: await openFileSupplierSnapshots(dir), dir: inputs });
      await first.add('board.v1.bom.json', fixture(V1));
      expect(await first.ingest.scanOnce()).toMatchObject([{ status: 'baseline' }]);
      await first.stop();
      const second = await startHarness({ snapshots: await openFileSupplierSnapshots(dir), dir: inputs });
      await second.add('board.v2.bom.json', fixture(V2));
      const outcomes = await second.ingest.scanOnce();
      await second.stop();
      expect(outcomes.map((o) => o.status)).toEqual(['unchanged', 'applied']);
      expect(second.bus.published.map(({ event }) => (event.data as { change: string }).change)).toEqual([
        'relocated',
      ]);
    } finally {
      await rm(inputs, { recursive: true, force: true });
    }
  });
});
