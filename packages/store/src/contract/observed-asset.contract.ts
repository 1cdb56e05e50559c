import { expect, it } from 'vitest';
import type { Asset, StoreLimits, TrustStore } from '../port.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-observed-${String(process.pid)}-${String(++counter)}`;

function board(id: string, vendor: string, bmcVersion: string): Asset {
  return {
    id,
    vendor,
    model: 'X12',
    components: [{ id: 'BMC', kind: 'bmc', version: bmcVersion, hashes: [`sha256:${bmcVersion}`] }],
  };
}

const ids = async (store: TrustStore, customer: string): Promise<string[]> =>
  (await store.getFleet(customer)).map((a) => a.id).sort();

/** Per-asset upserts of `firmware.observed`, part of the trust store contract. */
export function observedAssetContract(factory: Factory): void {
  it('keeps both boards when an older observation of one arrives after a newer one of another', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    const vendor = unique('v');
    const newer = await store.upsertObservedAsset(customer, board('b', vendor, '2.0'), 5_000);
    const older = await store.upsertObservedAsset(customer, board('a', vendor, '1.0'), 3_000);
    expect(newer).toMatchObject({ added: ['b'], applied: true });
    expect(older).toMatchObject({
      added: ['a'],
      changed: [],
      applied: true,
      asset: board('a', vendor, '1.0'),
    });
    expect(await ids(store, customer)).toEqual(['a', 'b']);
    expect(await store.findAssets(customer, vendor, 'X12', 'BMC', '1.0')).toEqual(['a']);
    expect(await store.customersOfVendor(vendor)).toEqual([{ customerId: customer, share: 1 }]);
  });

  it('after an import removed a board, refuses what either its last observation or the import refuses', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    const vendor = unique('v');
    const fleet = [
      board('kept', vendor, '1.0'),
      board('seen-late', vendor, '1.0'),
      board('seen-early', vendor, '1.0'),
    ];
    await store.replaceFleet(customer, fleet, 1_000);
    await store.upsertObservedAsset(customer, board('seen-late', vendor, '2.0'), 9_000);
    await store.upsertObservedAsset(customer, board('seen-early', vendor, '2.0'), 2_000);
    await store.replaceFleet(customer, fleet.slice(0, 1), 5_000);
    // Its last observation (9 s) is newer than the import (5 s): that observation still refuses older ones.
    expect(
      (await store.upsertObservedAsset(customer, board('seen-late', vendor, '1.5'), 7_000)).applied,
    ).toBe(false);
    // Seen before the import (2 s): the import refuses what the observation would, and later ones re-add it.
    expect(
      (await store.upsertObservedAsset(customer, board('seen-early', vendor, '1.5'), 1_500)).applied,
    ).toBe(false);
    expect(
      (await store.upsertObservedAsset(customer, board('seen-early', vendor, '3.0'), 6_000)).applied,
    ).toBe(true);
    expect(await ids(store, customer)).toEqual(['kept', 'seen-early']);
  });

  it('refuses an older observation of the same asset and keeps the newer firmware', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    await store.upsertObservedAsset(customer, board('a', 'supermicro', '2.0'), 5_000);
    const stale = await store.upsertObservedAsset(customer, board('a', 'supermicro', '1.0'), 3_000);
    expect(stale).toMatchObject({ applied: false, added: [], changed: [], asset: null });
    expect(await store.getFleet(customer)).toEqual([board('a', 'supermicro', '2.0')]);
    expect(await store.findAssets(customer, 'supermicro', 'X12', 'BMC', '1.0')).toEqual([]);
    const repeat = await store.upsertObservedAsset(customer, board('a', 'supermicro', '2.0'), 5_000);
    expect(repeat).toMatchObject({ applied: true, changed: [], vendorsAffected: [] });
  });

  it('moves an observed upgrade in the component index and reports the asset as changed', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    await store.upsertObservedAsset(customer, board('a', 'supermicro', '1.0'), 1_000);
    await store.upsertObservedAsset(customer, board('b', 'supermicro', '1.0'), 1_000);
    const upgrade = await store.upsertObservedAsset(customer, board('a', 'supermicro', '2.0'), 2_000);
    expect(upgrade).toMatchObject({ changed: ['a'], vendorsAffected: ['supermicro'], applied: true });
    expect(await store.findAssets(customer, 'supermicro', 'X12', 'BMC', '1.0')).toEqual(['b']);
    expect(await store.findAssets(customer, 'supermicro', 'X12', 'BMC', '2.0')).toEqual(['a']);
  });

  it('lets an observation older than the import update firmware of a listed asset, never add one', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    const imported = { ...board('a', 'supermicro', '1.0'), model: 'X13' };
    await store.replaceFleet(customer, [imported], 10_000);
    const listed = await store.upsertObservedAsset(customer, { ...board('a', 'other', '1.1') }, 9_000);
    // Vendor and model stay the import's; the firmware is the board's.
    expect(listed.asset).toEqual({ ...board('a', 'supermicro', '1.1'), model: 'X13' });
    const unlisted = await store.upsertObservedAsset(customer, board('z', 'supermicro', '1.0'), 9_000);
    expect(unlisted.applied).toBe(false);
    const fresh = await store.upsertObservedAsset(customer, board('z', 'supermicro', '1.0'), 11_000);
    expect(fresh).toMatchObject({ added: ['z'], applied: true });
    expect(await ids(store, customer)).toEqual(['a', 'z']);
    // An import after the observations still replaces the fleet: observations never raise its version.
    expect((await store.replaceFleet(customer, [imported], 10_500)).applied).toBe(true);
  });
}
