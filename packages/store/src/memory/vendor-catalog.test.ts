import { describe, expect, it } from 'vitest';
import { sharedNewsFactor } from '../contract/builders.js';
import { memoryVendorCatalog } from './vendor-catalog.js';

describe('memory vendor catalog', () => {
  it("drops a vendor's index entries whose factor is gone or moved, on the read that finds them", async () => {
    const stored = new Map<string, { json: string }>();
    const catalog = memoryVendorCatalog(stored);
    const [kept, moved, gone] = ['s-1', 's-2', 's-3'].map((story) => sharedNewsFactor(story, 'supermicro'));
    for (const factor of [kept, moved, gone]) {
      if (factor === undefined) continue;
      stored.set(factor.id, { json: JSON.stringify(factor) });
      catalog.indexShared(factor);
    }
    const relocated = sharedNewsFactor('s-2', 'asrock');
    stored.set(relocated.id, { json: JSON.stringify(relocated) });
    catalog.indexShared(relocated);
    stored.delete(gone?.id ?? '');
    expect(catalog.indexedFactors()).toBe(4);
    expect(await catalog.sharedFactorsOfVendor('supermicro')).toEqual([kept]);
    expect(catalog.indexedFactors()).toBe(2);
    expect(await catalog.sharedFactorsOfVendor('asrock')).toEqual([relocated]);
  });
});
