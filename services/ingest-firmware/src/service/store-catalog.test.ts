import type { FirmwareObserved } from '@trustwatch/schemas';
import { createMemoryTrustStore } from '@trustwatch/store';
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
      vendor: 'supermicro',
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
});
