import fc from 'fast-check';
import { expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import type { StoreLimits, TrustStore } from '../port.js';
import { inventoryAt } from './builders.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-snap-${String(process.pid)}-${String(++counter)}`;
const T0 = 1_790_000_000_000;

/** Last known inventory per asset (what firmware change detection diffs against), part of the contract. */
export function assetSnapshotsContract(factory: Factory): void {
  it('keeps the newest inventory of an asset and refuses an older one', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const customer = unique('cust');
    expect(await store.getAssetSnapshot(customer, 'srv-1')).toBeNull();
    const first = inventoryAt(customer, 'srv-1', T0, '01.01.00');
    const newer = inventoryAt(customer, 'srv-1', T0 + 60_000, '01.02.00');
    const older = inventoryAt(customer, 'srv-1', T0 - 60_000, '01.00.00');
    expect(await store.putAssetSnapshot(customer, 'srv-1', first, T0)).toBe(true);
    expect(await store.putAssetSnapshot(customer, 'srv-1', newer, T0 + 60_000)).toBe(true);
    expect(await store.putAssetSnapshot(customer, 'srv-1', older, T0 - 60_000)).toBe(false);
    expect(await store.getAssetSnapshot(customer, 'srv-1')).toEqual(newer);
  });

  it('treats a snapshot stored again at the same version as a harmless repeat', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const customer = unique('cust');
    const entry = inventoryAt(customer, 'srv-1', T0, '01.01.00');
    expect(await store.putAssetSnapshot(customer, 'srv-1', entry, T0)).toBe(true);
    expect(await store.putAssetSnapshot(customer, 'srv-1', entry, T0)).toBe(true);
    expect(await store.getAssetSnapshot(customer, 'srv-1')).toEqual(entry);
  });

  it('keeps the inventories of two customers with the same asset id apart', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const [acme, globex] = [unique('acme'), unique('globex')];
    const mine = inventoryAt(acme, 'srv-1', T0 + 5, '01.01.00');
    const theirs = inventoryAt(globex, 'srv-1', T0, '02.00.00');
    await store.putAssetSnapshot(acme, 'srv-1', mine, T0 + 5);
    // Older than acme's: only a per-customer version check lets it in.
    expect(await store.putAssetSnapshot(globex, 'srv-1', theirs, T0)).toBe(true);
    expect(await store.getAssetSnapshot(acme, 'srv-1')).toEqual(mine);
    expect(await store.getAssetSnapshot(globex, 'srv-1')).toEqual(theirs);
    expect(await store.getAssetSnapshot(globex, 'srv-2')).toBeNull();
  });

  it('holds the highest-versioned inventory whatever order the snapshots arrive in', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    // Distinct versions: among equal ones the last written wins, which depends on order by design.
    const versions = fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(versions, async (offsets) => {
        const customer = unique('cust');
        const writes = offsets.map((offset) => ({
          entry: inventoryAt(customer, 'srv-1', T0 + offset, `1.${String(offset)}`),
          version: T0 + offset,
        }));
        let highest = Number.NEGATIVE_INFINITY;
        for (const { entry, version } of writes) {
          const written = await store.putAssetSnapshot(customer, 'srv-1', entry, version);
          expect(written).toBe(version >= highest);
          highest = Math.max(highest, version);
        }
        const newest = writes.reduce((a, b) => (b.version > a.version ? b : a));
        expect(await store.getAssetSnapshot(customer, 'srv-1')).toEqual(newest.entry);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a fractional version, an empty asset id or a snapshot of another asset, writing nothing', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const customer = unique('cust');
    const entry = inventoryAt(customer, 'srv-1', T0, '01.01.00');
    const refused = { code: 'INVALID_ARGUMENT', retriable: false };
    await expect(store.putAssetSnapshot(customer, 'srv-1', entry, T0 + 0.5)).rejects.toMatchObject(refused);
    await expect(store.putAssetSnapshot(customer, 'srv-1', entry, Number.NaN)).rejects.toMatchObject(refused);
    const blank = inventoryAt(customer, '', T0, '01.01.00');
    await expect(store.putAssetSnapshot(customer, '', blank, T0)).rejects.toMatchObject(refused);
    await expect(store.putAssetSnapshot(customer, 'srv-2', entry, T0)).rejects.toBeInstanceOf(StoreError);
    await expect(store.putAssetSnapshot(unique('cust'), 'srv-1', entry, T0)).rejects.toMatchObject(refused);
    expect(await store.getAssetSnapshot(customer, 'srv-1')).toBeNull();
    expect(await store.getAssetSnapshot(customer, '')).toBeNull();
  });
}
