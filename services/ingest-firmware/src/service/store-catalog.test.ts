import type { FirmwareObserved } from '@trustwatch/schemas';
import { ANY_MODEL, createMemoryTrustStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../detect/catalog.js';
import { catalogLookupFor, fromPublished, importCatalog, toPublished } from './store-catalog.js';

const DIGEST = 'ab'.repeat(32);
const snapshot = (model: string): FirmwareObserved => ({
  customerId: 'cust-1',
  assetId: 'srv-1',
  vendor: 'Supermicro',
  model,
  observedAt: '2026-01-05T10:00:00Z',
  source: { kind: 'cmdb', collector: 'cmdb' },
  components: [
    { id: 'BMC', kind: 'bmc', slot: 'active', version: '01.03.18' },
    { id: 'BIOS', kind: 'bios', slot: 'active', version: '2.0' },
  ],
});

describe('the known-good catalog in the trust store', () => {
  it('stores an entry so that it reads back as the same entry, hash included', () => {
    const entry: CatalogEntry = {
      vendor: 'vendor:supermicro',
      model: 'x12dpi-n6',
      component: 'bmc',
      componentId: 'bmc',
      version: '01.03.18',
      hash: { algorithm: 'sha256', value: DIGEST },
    };
    expect(fromPublished(toPublished(entry), 'bmc')).toEqual([entry]);
  });

  it('applies an entry without a model to every model, and one with a model to that model only', async () => {
    const store = createMemoryTrustStore();
    await importCatalog(store, {
      entries: [
        { vendor: 'Supermicro', component: 'bmc', version: '01.03.18' },
        { vendor: 'Supermicro', model: 'X12DPi-N6', component: 'bios', version: '2.1' },
      ],
    });
    const query = (model: string, kind: 'bmc' | 'bios', version: string) =>
      catalogLookupFor(store, snapshot(model)).then((lookup) =>
        lookup({
          vendor: 'SUPERMICRO',
          model,
          component: { id: kind.toUpperCase(), kind },
          state: { version },
        }),
      );
    expect(await query('X11SPi', 'bmc', '01.03.18')).toBe('yes');
    expect(await query('X11SPi', 'bmc', '01.02.00')).toBe('no');
    expect(await query('X12DPi-N6', 'bios', '2.0')).toBe('no');
    expect(await query('X11SPi', 'bios', '2.0')).toBe('unknown');
  });
  it('round-trips an entry known only by its SoftwareId through the store and matches builds by it', async () => {
    const store = createMemoryTrustStore();
    const entry: CatalogEntry = {
      vendor: 'vendor:supermicro',
      component: 'bmc',
      version: '01.03.18',
      softwareId: 'BMC-X12-AST2600',
    };
    await importCatalog(store, { entries: [entry] });
    const [stored] = await store.publishedFirmware('vendor:supermicro', 'x12dpi-n6', 'bmc');
    expect(stored).toEqual({
      vendor: 'vendor:supermicro',
      model: ANY_MODEL,
      component: 'bmc',
      version: '01.03.18',
      softwareId: 'BMC-X12-AST2600',
      hashes: [],
    });
    expect(fromPublished(stored ?? toPublished(entry), 'bmc')).toEqual([entry]);
    const lookup = await catalogLookupFor(store, snapshot('X12DPi-N6'));
    const bmc = (softwareId: string) =>
      lookup({
        vendor: 'Supermicro',
        model: 'X12DPi-N6',
        component: { id: 'BMC', kind: 'bmc' },
        state: { version: '01.03.18', softwareId },
      });
    expect(bmc('bmc-x12-ast2600')).toBe('yes');
    expect(bmc('BMC-X12-OTHER')).toBe('no');
  });

  it('keeps every published hash of one build when the catalog lists it once per hash', async () => {
    const store = createMemoryTrustStore();
    const line = { vendor: 'Supermicro', component: 'bmc', version: '01.03.18' } as const;
    const other = 'cd'.repeat(32);
    expect(
      await importCatalog(store, {
        entries: [
          { ...line, hash: { algorithm: 'sha256', value: DIGEST } },
          { ...line, hash: { algorithm: 'sha256', value: other.toUpperCase() } },
        ],
      }),
    ).toBe(2);
    const stored = await store.publishedFirmware('vendor:supermicro', ANY_MODEL, 'bmc');
    expect(stored.map((p) => p.hashes)).toEqual([[`sha256:${DIGEST}`, `sha256:${other}`]]);
  });

  it('covers a BMC that spells the vendor otherwise than the catalog file, through the entity catalog', async () => {
    const store = createMemoryTrustStore();
    await importCatalog(store, {
      entries: [
        { vendor: 'Super Micro Computer, Inc.', component: 'bmc', version: '01.03.18' },
        { vendor: 'Acme Servers', component: 'bmc', version: '7.1' },
      ],
    });
    const bmc = async (vendor: string, version: string) =>
      (await catalogLookupFor(store, { ...snapshot('X12DPi-N6'), vendor }))({
        vendor,
        model: 'X12DPi-N6',
        component: { id: 'BMC', kind: 'bmc' },
        state: { version },
      });
    expect(await bmc('Supermicro', '01.03.18')).toBe('yes');
    expect(await bmc('SMCI', '01.02.00')).toBe('no');
    // A vendor the entity catalog does not know is still matched by its folded name.
    expect(await bmc('ACME SERVERS', '7.1')).toBe('yes');
    expect(await bmc('Acme', '7.1')).toBe('unknown');
    // Case-folding alone (the key before the entity catalog) misses the legal name.
    const folded = (name: string) => name.trim().toLowerCase();
    const plain = createMemoryTrustStore();
    await importCatalog(
      plain,
      { entries: [{ vendor: 'Super Micro Computer, Inc.', component: 'bmc', version: '01.03.18' }] },
      folded,
    );
    const lookup = await catalogLookupFor(plain, snapshot('X12DPi-N6'), folded);
    expect(
      lookup({
        vendor: 'Supermicro',
        model: 'X12DPi-N6',
        component: { id: 'BMC', kind: 'bmc' },
        state: { version: '01.03.18' },
      }),
    ).toBe('unknown');
  });
});
