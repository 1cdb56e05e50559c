import { describe, expect, it } from 'vitest';
import { sharedNewsFactor } from '../contract/builders.js';
import type { FiledAdvisory } from '../port.js';
import { memoryVendorCatalog } from './vendor-catalog.js';

function advisory(title: string): FiledAdvisory {
  return {
    eventId: `event-${title}`,
    advisory: {
      advisoryId: 'CVE-2026-0042',
      title,
      published: '2026-11-01T00:00:00Z',
      severity: { cvssScore: 7.2 },
      affected: [
        {
          vendorId: 'supermicro',
          vendorName: 'Super Micro',
          product: 'X12',
          versions: [{ version: '1.0', status: 'affected' }],
        },
      ],
      references: [],
    },
  };
}

describe('memory vendor catalog', () => {
  it('parses an advisory once for every read under any of its vendor keys, frozen, until a revision replaces it', async () => {
    const catalog = memoryVendorCatalog(new Map());
    await catalog.putAdvisory(advisory('BMC flaw'));
    const [byId] = await catalog.advisoriesOfVendor('supermicro');
    const [byName] = await catalog.advisoriesOfVendor('SUPER MICRO');
    expect(byId).toEqual(advisory('BMC flaw'));
    expect(byName).toBe(byId);
    expect(Object.isFrozen(byId?.advisory.affected[0]?.versions)).toBe(true);
    await catalog.putAdvisory(advisory('BMC flaw, revised'));
    const [revised] = await catalog.advisoriesOfVendor('supermicro');
    expect(revised?.advisory.title).toBe('BMC flaw, revised');
    expect(revised?.eventId).toBe('event-BMC flaw, revised');
    expect(byId?.advisory.title).toBe('BMC flaw');
  });

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
