import { describe, expect, it } from 'vitest';
import { loadEntityCatalog } from './load-catalog.js';
import { shippedVendorIds, vendorIdResolver } from './vendor-ids.js';

const vendorIdOf = vendorIdResolver(loadEntityCatalog());

describe('vendorIdResolver on the shipped catalog', () => {
  it.each([
    ['Supermicro', 'vendor:supermicro'],
    ['Super Micro Computer, Inc.', 'vendor:supermicro'],
    ['SUPERMICRO', 'vendor:supermicro'],
    ['vendor:supermicro', 'vendor:supermicro'],
    ['Dell Inc.', 'vendor:dell'],
    ['Lenovo', 'vendor:lenovo'],
  ])('files "%s" under %s', (name, id) => {
    expect(vendorIdOf(name)).toBe(id);
    // The memoised answer is the same.
    expect(vendorIdOf(name)).toBe(id);
  });

  it.each([
    // Unknown to the catalog: kept as the fleet wrote it.
    ['Acme Servers', 'Acme Servers'],
    // Known, but not as a vendor: a supplier or a product is not what a fleet's vendor column means.
    ['Intel Corporation', 'Intel Corporation'],
    ['MBD-X12DPG-OA6', 'MBD-X12DPG-OA6'],
    ['supplier:usi', 'supplier:usi'],
  ])('keeps "%s" as %s', (name, id) => {
    expect(vendorIdOf(name)).toBe(id);
  });

  it('shares one resolver over the shipped catalog across the process', () => {
    expect(shippedVendorIds()).toBe(shippedVendorIds());
    expect(shippedVendorIds()('Super Micro Computer, Inc.')).toBe('vendor:supermicro');
  });
});
