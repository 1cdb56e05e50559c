import { describe, expect, it } from 'vitest';
import { MAX_COMPONENTS, MAX_DEPTH, cycloneDxViolation } from './index.js';

const device = (i: number) => ({
  type: 'device',
  'bom-ref': `d${String(i)}`,
  name: 'X12DPG-OA6',
  manufacturer: { name: 'Supermicro' },
});
const bomOf = (components: unknown[]) => ({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  components,
});
const fleet = (size: number) => bomOf(Array.from({ length: size }, (_, i) => device(i)));

function msToValidate(document: unknown): number {
  const start = performance.now();
  expect(cycloneDxViolation(document)).toBeUndefined();
  return performance.now() - start;
}

describe('cycloneDxViolation on large BOMs', () => {
  it('validates 10,000 devices in time linear in their number, not quadratic', () => {
    msToValidate(fleet(10)); // compiles the schema outside the measurement
    const small = Math.min(msToValidate(fleet(1_000)), msToValidate(fleet(1_000)));
    const large = msToValidate(fleet(10_000));
    // Ten times the devices: linear work is about 10x, pairwise comparison about 100x. The margin
    // absorbs timer noise and garbage collection on shared cores.
    expect(large / Math.max(small, 1)).toBeLessThan(40);
  });

  it('refuses a repeated bom-ref, naming the repeat, at the top level and nested', () => {
    const top = bomOf([device(1), { ...device(1), name: 'other' }]);
    expect(cycloneDxViolation(top)).toMatchObject({ path: '/components/1/bom-ref' });
    const nested = bomOf([
      { ...device(1), components: [{ type: 'firmware', 'bom-ref': 'd1', name: 'BMC' }] },
    ]);
    expect(cycloneDxViolation(nested)).toMatchObject({ path: '/components/0/components/0/bom-ref' });
  });

  it('still refuses identical components, naming the second one', () => {
    const firmware = { type: 'firmware', name: 'BIOS', version: '1.0' };
    const bom = bomOf([firmware, device(1), { version: '1.0', name: 'BIOS', type: 'firmware' }]);
    expect(cycloneDxViolation(bom)).toMatchObject({
      path: '/components/2',
      message: 'must not repeat an identical earlier item',
    });
  });

  it('accepts equal-looking items that differ in one nested field', () => {
    const bom = bomOf([
      { type: 'firmware', name: 'BIOS', hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }] },
      { type: 'firmware', name: 'BIOS', hashes: [{ alg: 'SHA-256', content: 'b'.repeat(64) }] },
    ]);
    expect(cycloneDxViolation(bom)).toBeUndefined();
  });

  it('refuses a BOM above the component cap before schema validation', () => {
    const tiny = Array.from({ length: MAX_COMPONENTS + 1 }, () => ({}));
    const start = performance.now();
    const violation = cycloneDxViolation(bomOf(tiny));
    expect(violation).toEqual({
      path: '/',
      message: `holds more than ${String(MAX_COMPONENTS)} components; split the BOM`,
    });
    // The schema would report the empty items; the cap answers first. Loose bound, shared cores.
    expect(performance.now() - start).toBeLessThan(5_000);
  });

  it('refuses nesting deeper than the depth cap with the path where it is exceeded', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const violation = cycloneDxViolation({ ...fleet(1), properties: deep });
    expect(violation?.message).toBe(`nests deeper than ${String(MAX_DEPTH)} levels`);
    expect(violation?.path.startsWith('/properties/0/0/')).toBe(true);
  });
});
