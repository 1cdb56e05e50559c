import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFirmwareVersions } from './compare-firmware-versions.js';

// Versions built from the pieces real vendors use: numbers with leading zeros, letters, qualifiers.
const piece = fc.oneof(
  fc.nat({ max: 120 }).map(String),
  fc.nat({ max: 99 }).map((n) => String(n).padStart(2, '0')),
  fc.constantFrom('a', 'b', 'f', 'beta', 'rc', 'alpha', 'dev', 'hotfix'),
);
const separator = fc.constantFrom('.', '-', '', '_', '~');
const version = fc
  .tuple(piece, fc.array(fc.tuple(separator, piece), { maxLength: 5 }), fc.option(fc.constant('+b7')))
  .map(([head, rest, build]) => head + rest.map(([s, p]) => s + p).join('') + (build ?? ''));

describe('compareFirmwareVersions', () => {
  it('orders the vendor schemes found in the field', () => {
    const ordered = ['1.3.9', '01.03.18', '1.73.14', '3.10.11', '3.10.11.1'];
    for (let i = 0; i + 1 < ordered.length; i += 1) {
      expect(compareFirmwareVersions(ordered[i] ?? '', ordered[i + 1] ?? '')).toBe(-1);
      expect(compareFirmwareVersions(ordered[i + 1] ?? '', ordered[i] ?? '')).toBe(1);
    }
  });

  it('ignores leading zeros, case, trailing zero parts and build metadata', () => {
    expect(compareFirmwareVersions('01.03.18', '1.3.18')).toBe(0);
    expect(compareFirmwareVersions('F20', 'f20')).toBe(0);
    expect(compareFirmwareVersions('1.3', '1.3.0')).toBe(0);
    expect(compareFirmwareVersions('2.5.0+build.9', '2.5.0')).toBe(0);
  });

  it('puts a pre-release before its release and known qualifiers in their usual order', () => {
    expect(compareFirmwareVersions('2.5.0-beta', '2.5.0')).toBe(-1);
    expect(compareFirmwareVersions('2.5.0-alpha', '2.5.0-beta')).toBe(-1);
    expect(compareFirmwareVersions('2.5.0-beta', '2.5.0-rc1')).toBe(-1);
    expect(compareFirmwareVersions('2.5.0-rc1', '2.5.0-rc2')).toBe(-1);
    expect(compareFirmwareVersions('2.5.0', '2.5.1-beta')).toBe(-1);
  });

  it('orders letter-prefixed BIOS builds by their number and a letter suffix as a later patch', () => {
    expect(compareFirmwareVersions('F9', 'F20')).toBe(-1);
    expect(compareFirmwareVersions('F20', 'F20a')).toBe(-1);
    expect(compareFirmwareVersions('1.0.2a', '1.0.2b')).toBe(-1);
    expect(compareFirmwareVersions('1.0.2b', '1.0.3')).toBe(-1);
  });

  it('compares numbers longer than a double holds exactly', () => {
    expect(compareFirmwareVersions('1.90071992547409931', '1.90071992547409932')).toBe(-1);
  });

  it('is reflexive', () => {
    fc.assert(fc.property(version, (v) => compareFirmwareVersions(v, v) === 0));
  });

  it('is antisymmetric', () => {
    fc.assert(
      fc.property(
        version,
        version,
        (a, b) => compareFirmwareVersions(a, b) === -compareFirmwareVersions(b, a),
      ),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareFirmwareVersions) as [string, string, string];
        expect(compareFirmwareVersions(x, y)).toBeLessThanOrEqual(0);
        expect(compareFirmwareVersions(y, z)).toBeLessThanOrEqual(0);
        expect(compareFirmwareVersions(x, z)).toBeLessThanOrEqual(0);
        if (compareFirmwareVersions(x, y) === 0 && compareFirmwareVersions(y, z) === 0) {
          expect(compareFirmwareVersions(x, z)).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
