import type { Asset, TrustStore } from '@trustwatch/store';

/** Sizes of the seeded portfolio. */
export interface PortfolioShape {
  readonly customers: number;
  readonly assetsPerCustomer: number;
  /** Customer counts of the fan-out vendors (`fan-<N>` is owned by the first N customers). */
  readonly fanOut: readonly number[];
}

/** Vendors of the home fleets: firmware events land on these. */
export const HOME_VENDORS = 20;
/** Ranks of the Zipf vendors of the mixed workload: `zipf-k` is owned by the first ceil(top / k) customers. */
export const ZIPF_VENDORS = 20;
/** Every tenth customer buys from a vendor no one else buys from: supplier events on it touch one customer. */
export const SOLO_EVERY = 10;
const FLEET_VERSION = Date.parse('2026-01-01T00:00:00Z');

export function customerId(index: number): string {
  return `cust-${index.toString().padStart(7, '0')}`;
}

export function homeAssetId(customer: number, slot: number): string {
  return `a-${customer}-${slot}`;
}

/** Customers owning `zipf-<rank>`: Zipf with s = 1 over 20 ranks, the largest capped at 5,000. */
export function zipfOwners(rank: number, customers: number): number {
  return Math.ceil(Math.min(5_000, customers) / rank);
}

function asset(id: string, vendor: string, model: string): Asset {
  return {
    id,
    vendor,
    model,
    components: [
      { id: 'bmc', kind: 'bmc', version: '1.04.16', hashes: [`sha256:${'aa'.repeat(32)}`] },
      { id: 'bios', kind: 'bios', version: '2.1', hashes: [] },
    ],
  };
}

/** One customer's fleet: its home assets plus one asset of each extra vendor it buys from. */
export function fleetOf(index: number, shape: PortfolioShape): Asset[] {
  const assets: Asset[] = [];
  for (let slot = 0; slot < shape.assetsPerCustomer; slot += 1) {
    assets.push(asset(homeAssetId(index, slot), `home-${(index + slot) % HOME_VENDORS}`, `model-${slot}`));
  }
  if (index % SOLO_EVERY === 0) assets.push(asset(`s-${index}`, `solo-${index}`, 'solo'));
  for (const size of shape.fanOut) {
    if (index < size) assets.push(asset(`f-${size}-${index}`, `fan-${size}`, 'fan'));
  }
  for (let rank = 1; rank <= ZIPF_VENDORS; rank += 1) {
    if (index < zipfOwners(rank, shape.customers))
      assets.push(asset(`z-${rank}-${index}`, `zipf-${rank}`, 'z'));
  }
  return assets;
}

/** Counts of what {@link seedPortfolio} writes, for per-customer and per-asset memory figures. */
export interface PortfolioSize {
  readonly customers: number;
  readonly assets: number;
}

export function portfolioSize(shape: PortfolioShape): PortfolioSize {
  let assets = 0;
  for (let i = 0; i < shape.customers; i += 1) assets += fleetOf(i, shape).length;
  return { customers: shape.customers, assets };
}

/**
 * Writes every customer's fleet through the store's own import path (`replaceFleet`). Calls run in
 * windows of 64 so the client pipelines them without queueing the whole portfolio at once.
 */
export async function seedPortfolio(store: TrustStore, shape: PortfolioShape): Promise<PortfolioSize> {
  const window = 64;
  let assets = 0;
  for (let start = 0; start < shape.customers; start += window) {
    const end = Math.min(shape.customers, start + window);
    const work: Promise<unknown>[] = [];
    for (let i = start; i < end; i += 1) {
      const fleet = fleetOf(i, shape);
      assets += fleet.length;
      work.push(store.replaceFleet(customerId(i), fleet, FLEET_VERSION));
    }
    await Promise.all(work);
  }
  return { customers: shape.customers, assets };
}
