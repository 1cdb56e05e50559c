import type { SupplierSource } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine } from '../test-support/direct.js';
import { supplierRemoved } from '../test-support/events.js';

const LINK = { supplierId: 'ose', vendorId: 'supermicro', category: 'motherboard' };

describe('supplier links on removed suppliers', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  const afterRemoval = async (source: SupplierSource, fromCountry?: string) => {
    const store = createMemoryTrustStore();
    await store.linkSupplier(LINK, true);
    const engine = await directEngine(policy, store);
    await engine.feed(supplierRemoved(LINK, source, fromCountry));
    return store.vendorsOfSupplier('ose');
  };

  it('unlinks a supplier the vendor itself reports gone, naming no country', async () => {
    expect(await afterRemoval({ kind: 'direct' })).toEqual([]);
  });

  it('keeps the link when a direct report names only the country a site left', async () => {
    expect(await afterRemoval({ kind: 'direct' }, 'CN')).toEqual([LINK]);
  });

  it('leaves links learned from BOMs and registries to supplier ingest, which syncs them from snapshots', async () => {
    expect(await afterRemoval({ kind: 'bom', reference: 'urn:uuid:1' }, 'CN')).toEqual([LINK]);
    expect(await afterRemoval({ kind: 'registry' }, 'TW')).toEqual([LINK]);
  });
});
