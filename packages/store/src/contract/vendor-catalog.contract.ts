import { expect, it } from 'vitest';
import type { FiledAdvisory, StoreLimits, TrustStore } from '../port.js';
import { sharedNewsFactor } from './builders.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-vc-${String(process.pid)}-${String(++counter)}`;

function advisory(id: string, vendorId: string, vendorName: string, title = 'BMC flaw'): FiledAdvisory {
  return {
    eventId: `advisory-event-${id}-${title}`,
    advisory: {
      advisoryId: id,
      title,
      published: '2026-11-01T00:00:00Z',
      severity: { cvssScore: 7.2 },
      affected: [
        { vendorId, vendorName, product: 'X12', versions: [{ version: '1.0', status: 'affected' }] },
      ],
      references: [],
    },
  };
}

/** Vendor indexes: shared factors and advisories by vendor, part of the trust store contract. */
export function vendorCatalogContract(factory: Factory): void {
  it('lists the shared factors attributed to a vendor however they were stored, each once', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const [vendor, other] = [unique('vendor'), unique('vendor')];
    const direct = sharedNewsFactor(unique('story'), vendor);
    const viaApply = sharedNewsFactor(unique('story'), vendor);
    const viaFanOut = sharedNewsFactor(unique('story'), vendor);
    await store.putSharedFactor(direct, 1);
    await store.putSharedFactor(direct, 2);
    await store.applyMany([], { shared: [{ factor: viaApply, version: 1 }] });
    await store.fanOut([unique('cust')], () => [], { shared: [{ factor: viaFanOut, version: 1 }] });
    await store.putSharedFactor(sharedNewsFactor(unique('story'), other), 1);
    const ids = [direct, viaApply, viaFanOut].map((f) => f.id).sort();
    expect((await store.sharedFactorsOfVendor(vendor)).map((f) => f.id)).toEqual(ids);
    expect(await store.sharedFactorsOfVendor(unique('vendor'))).toEqual([]);
  });

  it('lists a shared factor only under the vendor its newest version names, moved there and back', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const [first, second] = [unique('vendor'), unique('vendor')];
    const story = unique('story');
    await store.putSharedFactor(sharedNewsFactor(story, first), 1);
    const moved = sharedNewsFactor(story, second);
    await store.putSharedFactor(moved, 2);
    expect(await store.sharedFactorsOfVendor(first)).toEqual([]);
    expect(await store.sharedFactorsOfVendor(second)).toEqual([moved]);
    // A late put of the old version is refused and files nothing back under the first vendor.
    expect(await store.putSharedFactor(sharedNewsFactor(story, first), 1)).toBe(false);
    expect(await store.sharedFactorsOfVendor(first)).toEqual([]);
    const back = sharedNewsFactor(story, first, 0.8);
    await store.putSharedFactor(back, 3);
    expect(await store.sharedFactorsOfVendor(first)).toEqual([back]);
    expect(await store.sharedFactorsOfVendor(second)).toEqual([]);
  });

  it('finds an advisory by vendor id or name in any case, with its event, and files a revision where it now points', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const [vendor, moved] = [unique('smci'), unique('asus')];
    const id = `CVE-2026-${String(10000 + (counter % 80000))}`;
    await store.putAdvisory(advisory(id, vendor, `${vendor}-Name`));
    expect((await store.advisoriesOfVendor(vendor.toUpperCase())).map((a) => a.advisory.advisoryId)).toEqual([
      id,
    ]);
    expect(await store.advisoriesOfVendor(`${vendor}-name`)).toEqual([
      advisory(id, vendor, `${vendor}-Name`),
    ]);
    const revision = advisory(id, moved, moved, 'BMC flaw, corrected vendor');
    await store.putAdvisory(revision);
    expect(await store.advisoriesOfVendor(vendor)).toEqual([]);
    expect(await store.advisoriesOfVendor(moved)).toEqual([revision]);
  });

  it('refuses an advisory that is not one, storing nothing', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const vendor = unique('vendor');
    const good = advisory('CVE-2026-0001', vendor, vendor);
    const bad = { ...good, advisory: { ...good.advisory, advisoryId: 'not-a-cve' } };
    await expect(store.putAdvisory(bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.putAdvisory({ ...good, eventId: '' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(await store.advisoriesOfVendor(vendor)).toEqual([]);
  });
}
