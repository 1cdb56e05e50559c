import type { SupplierChanged } from '@trustwatch/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameOrganisation } from './facts.js';
import type { FileOutcome } from './service/ingest-files.js';
import { catalog, fixture } from './test-support/files.js';
import { startHarness, waitFor, type SupplierHarness } from './test-support/supplier-harness.js';

const V1 = 'bom/pcie-sata-adapter-board.v1.bom.json';
const V2 = 'bom/pcie-sata-adapter-board.v2.bom.json';
const BEFORE = 'registry/supermicro-2018-06-30.csv';
const AFTER = 'registry/supermicro-2019-01-31.json';

const te = nameOrganisation(catalog, 'TE Connectivity', 'supplier');
const supermicro = nameOrganisation(catalog, 'Supermicro', 'vendor');

function statuses(outcomes: readonly FileOutcome[]): string[] {
  return outcomes.map((o) => `${o.file.split('/').pop() ?? ''}: ${o.status}`).sort();
}

function codeOf(outcome: FileOutcome | undefined): string | undefined {
  return outcome?.status === 'refused' ? outcome.error.code : undefined;
}

describe('the supplier ingest flow on the memory bus and store', () => {
  let h: SupplierHarness;
  const changes = (): SupplierChanged[] => h.bus.published.map(({ event }) => event.data as SupplierChanged);

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('publishes nothing for the first BOM of a product but links every supplier to its vendor', async () => {
    await h.add('board.v1.bom.json', fixture(V1));
    expect(statuses(await h.ingest.scanOnce())).toEqual(['board.v1.bom.json: baseline']);
    expect(h.bus.published).toEqual([]);
    const links = await h.store.vendorsOfSupplier(te.id);
    expect(links).toHaveLength(1);
  });

  it('publishes exactly one CN -> TW relocation, keyed by vendor id, when the next BOM version lands', async () => {
    await h.add('board.v1.bom.json', fixture(V1));
    await h.ingest.scanOnce();
    await h.add('board.v2.bom.json', fixture(V2));
    const outcomes = await h.ingest.scanOnce();
    expect(outcomes).toMatchObject([{ status: 'applied', published: 1 }]);
    expect(h.bus.published).toHaveLength(1);
    const [record] = h.bus.published;
    expect(record?.topic).toBe('supplier.changed');
    expect(record?.event.partitionkey).toBe(changes()[0]?.vendorId);
    expect(changes()[0]).toMatchObject({
      supplierId: te.id,
      change: 'relocated',
      fromCountry: 'CN',
      toCountry: 'TW',
      facility: 'Kaohsiung',
      source: { kind: 'bom' },
    });
  });

  it('delivers the published change to a consumer of supplier.changed', async () => {
    const seen: string[] = [];
    const consumer = await h.bus.consume({
      groupId: 'flow-watcher',
      topics: ['supplier.changed'],
      handle: (event) => {
        if (event.type === 'com.trustwatch.supplier.changed.v1') seen.push(event.data.change);
        return Promise.resolve({ status: 'done' });
      },
    });
    await h.add(BEFORE, fixture(BEFORE));
    await h.ingest.scanOnce();
    await h.add(AFTER, fixture(AFTER));
    await h.ingest.scanOnce();
    await waitFor('the relocation to be consumed', () => seen.length === 1);
    await consumer.stop();
    expect(seen).toEqual(['relocated']);
  });

  it('refuses a bad file and publishes nothing of it while the good file of the same scan flows', async () => {
    await h.add(BEFORE, fixture(BEFORE));
    await h.ingest.scanOnce();
    const after = fixture(AFTER).text;
    await h.add('registry/supermicro-2019-02-28.json', after.slice(0, after.length / 2));
    await h.add(AFTER, after);
    const outcomes = await h.ingest.scanOnce();
    expect(statuses(outcomes)).toEqual([
      'supermicro-2019-01-31.json: applied',
      'supermicro-2019-02-28.json: refused',
    ]);
    expect(codeOf(outcomes.find((o) => o.status === 'refused'))).toBe('INVALID_JSON');
    expect(changes().map((c) => [c.supplierId, c.change, c.fromCountry, c.toCountry])).toEqual([
      ['supplier:ose', 'relocated', 'CN', 'TW'],
    ]);
  });

  it('refuses a duplicated snapshot under another name and publishes nothing for it', async () => {
    await h.add('a/board.bom.json', fixture(V1));
    await h.add('b/board.bom.json', fixture(V1));
    const outcomes = await h.ingest.scanOnce();
    expect(statuses(outcomes)).toEqual(['board.bom.json: baseline', 'board.bom.json: refused']);
    expect(codeOf(outcomes.find((o) => o.status === 'refused'))).toBe('DUPLICATE_SNAPSHOT');
    expect(h.bus.published).toEqual([]);
  });

  it('refuses an older snapshot than the one applied instead of replaying the past', async () => {
    await h.add(AFTER, fixture(AFTER));
    await h.ingest.scanOnce();
    await h.add(BEFORE, fixture(BEFORE));
    const [outcome] = await h.ingest.scanOnce();
    expect(codeOf(outcome)).toBe('STALE_SNAPSHOT');
    expect(h.bus.published).toEqual([]);
  });

  it('does nothing on a rescan of files it already handled, good or bad', async () => {
    await h.add('board.v1.bom.json', fixture(V1));
    await h.add('broken.bom.json', '{"bomFormat":');
    expect(await h.ingest.scanOnce()).toHaveLength(2);
    expect(await h.ingest.scanOnce()).toEqual([]);
    expect(await h.ingest.ingestPaths([h.dir])).toMatchObject([
      { status: 'unchanged' },
      { status: 'unchanged' },
    ]);
  });

  it('defers a snapshot whose publish failed and applies it, once, on the next scan', async () => {
    await h.add('board.v1.bom.json', fixture(V1));
    await h.ingest.scanOnce();
    await h.add('board.v2.bom.json', fixture(V2));
    h.bus.failNextPublish(new Error('broker unavailable'));
    expect(await h.ingest.scanOnce()).toMatchObject([{ status: 'deferred' }]);
    expect(h.bus.published).toEqual([]);
    expect(await h.ingest.scanOnce()).toMatchObject([{ status: 'applied', published: 1 }]);
    expect(h.ingest.metrics()).toMatchObject({ baseline: 1, deferred: 1, applied: 1, published: 1 });
  });

  it('drops the link of a supplier the vendor no longer uses, keeps one that moved', async () => {
    const snapshot = (asOf: string, rows: [string, string][]): string =>
      JSON.stringify({
        asOf,
        entries: rows.map(([supplier, country]) => ({
          vendor: 'Supermicro',
          supplier,
          componentCategory: 'motherboard',
          country,
          effectiveDate: asOf,
        })),
      });
    await h.add(
      'feed-2018-06-30.json',
      snapshot('2018-06-30', [
        ['OSE', 'CN'],
        ['USI', 'CN'],
      ]),
    );
    await h.ingest.scanOnce();
    await h.add('feed-2019-01-31.json', snapshot('2019-01-31', [['OSE', 'TW']]));
    expect(await h.ingest.scanOnce()).toMatchObject([{ status: 'applied', published: 2, unlinked: 1 }]);
    expect(changes().map((c) => [c.supplierId, c.change])).toEqual([
      ['supplier:ose', 'relocated'],
      ['supplier:usi', 'removed'],
    ]);
    expect(await h.store.vendorsOfSupplier('supplier:usi')).toEqual([]);
    expect((await h.store.vendorsOfSupplier('supplier:ose')).map((l) => l.vendorId)).toEqual([supermicro.id]);
  });
});
