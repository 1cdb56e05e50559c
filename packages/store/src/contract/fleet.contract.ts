import { expect, it } from 'vitest';
import type { Asset, StoreLimits, TrustStore } from '../port.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-fleet-${String(process.pid)}-${String(++counter)}`;

function server(id: string, vendor: string, bmcVersion: string): Asset {
  return {
    id,
    vendor,
    model: 'X12',
    components: [{ id: 'BMC', kind: 'bmc', version: bmcVersion, hashes: [`sha256:${bmcVersion}`] }],
  };
}

/** Fleet replacement and the exposure index, part of the trust store contract. */
export function fleetContract(factory: Factory): void {
  it('replaces a fleet, reports what changed and keeps vendor shares and component lookups current', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    const vendorA = unique('va');
    const vendorB = unique('vb');
    const first = await store.replaceFleet(
      customer,
      [server('s1', vendorA, '1.0'), server('s2', vendorA, '1.0'), server('s3', vendorB, '2.0')],
      100,
    );
    expect(first).toMatchObject({ added: ['s1', 's2', 's3'], removed: [], changed: [], applied: true });
    expect(await store.customersOfVendor(vendorA)).toEqual([{ customerId: customer, share: 2 / 3 }]);
    expect((await store.findAssets(customer, vendorA, 'X12', 'BMC', '1.0')).sort()).toEqual(['s1', 's2']);

    const second = await store.replaceFleet(
      customer,
      [server('s1', vendorA, '1.1'), server('s4', vendorA, '1.0')],
      200,
    );
    expect(second).toMatchObject({ added: ['s4'], removed: ['s2', 's3'], changed: ['s1'], applied: true });
    expect([...second.vendorsAffected].sort()).toEqual([vendorA, vendorB].sort());
    expect(await store.customersOfVendor(vendorB)).toEqual([]);
    expect(await store.customersOfVendor(vendorA)).toEqual([{ customerId: customer, share: 1 }]);
    expect(await store.findAssets(customer, vendorA, 'X12', 'BMC', '1.1')).toEqual(['s1']);
    expect((await store.getFleet(customer)).map((a) => a.id).sort()).toEqual(['s1', 's4']);
    const components = await store.listComponents(customer);
    expect(
      components.map((c) => `${c.component}@${c.version}:${[...c.assetIds].sort().join('+')}`).sort(),
    ).toEqual(['BMC@1.0:s4', 'BMC@1.1:s1']);
    expect(components.every((c) => c.vendor === vendorA && c.model === 'X12')).toBe(true);
  });

  it('refuses an import older than the stored fleet and leaves the fleet untouched', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    await store.replaceFleet(customer, [server('s1', 'supermicro', '1.0')], 200);
    const stale = await store.replaceFleet(customer, [server('s9', 'supermicro', '1.0')], 100);
    expect(stale.applied).toBe(false);
    expect((await store.getFleet(customer)).map((a) => a.id)).toEqual(['s1']);
  });

  it('rejects a fleet listing one asset id twice without importing any of it', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    const fleet = [server('s1', 'supermicro', '1.0'), server('s1', 'dell', '1.0')];
    await expect(store.replaceFleet(customer, fleet, 1)).rejects.toMatchObject({ code: 'INVALID_FLEET' });
    expect(await store.getFleet(customer)).toEqual([]);
  });

  it("reads one asset with the fleet's assets per vendor, as imports and observations leave them", async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const customer = unique('cust');
    const vendorA = unique('va');
    const vendorB = unique('vb');
    expect(await store.assetInFleet(customer, 's1')).toEqual({ asset: null, vendorCounts: {} });
    await store.replaceFleet(
      customer,
      [server('s1', vendorA, '1.0'), server('s2', vendorA, '1.0'), server('s3', vendorB, '2.0')],
      100,
    );
    expect(await store.assetInFleet(customer, 's3')).toEqual({
      asset: server('s3', vendorB, '2.0'),
      vendorCounts: { [vendorA]: 2, [vendorB]: 1 },
    });
    // Not listed: no asset, the counts as they are.
    expect(await store.assetInFleet(customer, 'nope')).toEqual({
      asset: null,
      vendorCounts: { [vendorA]: 2, [vendorB]: 1 },
    });
    await store.upsertObservedAsset(customer, server('s4', vendorB, '2.0'), 200);
    await store.replaceFleet(customer, [server('s1', vendorA, '1.1'), server('s4', vendorB, '2.0')], 300);
    const read = await store.assetInFleet(customer, 's1', { readAhead: true });
    expect(read).toEqual({
      asset: server('s1', vendorA, '1.1'),
      vendorCounts: { [vendorA]: 1, [vendorB]: 1 },
    });
    // The counts are the fleet's, vendor by vendor.
    const fleet = await store.getFleet(customer);
    expect(Object.values(read.vendorCounts).reduce((a, b) => a + b, 0)).toBe(fleet.length);
  });
}
