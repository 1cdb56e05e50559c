import fc from 'fast-check';
import { alertSchema } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint.js';

const labelArb = fc.dictionary(
  fc.constantFrom('customer', 'vendor', 'rule', 'severity', 'team'),
  fc.string({ minLength: 1, maxLength: 20 }),
  { minKeys: 1 },
);

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = (seed + i * 7919) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('fingerprints', () => {
  it('is the same for the same labels whatever their order', () => {
    fc.assert(
      fc.property(labelArb, fc.nat(), (labels, seed) => {
        const reordered = Object.fromEntries(shuffled(Object.entries(labels), seed));
        expect(fingerprintOf(reordered)).toBe(fingerprintOf(labels));
      }),
    );
  });

  it('differs when one label value differs, and ignores absent labels', () => {
    fc.assert(
      fc.property(labelArb, fc.string({ minLength: 1, maxLength: 20 }), (labels, other) => {
        const [name, value] = Object.entries(labels)[0] ?? ['customer', 'x'];
        fc.pre(value !== other);
        expect(fingerprintOf({ ...labels, [name]: other })).not.toBe(fingerprintOf(labels));
        expect(fingerprintOf({ ...labels, absent: undefined })).toBe(fingerprintOf(labels));
      }),
    );
  });

  it('keeps a label boundary: a name and value cannot be shifted into each other', () => {
    expect(fingerprintOf({ rule: 'ab', vendor: 'c' })).not.toBe(fingerprintOf({ rule: 'a', vendor: 'bc' }));
  });

  it('is 16 lower-case hex digits, as the alert schema requires', () => {
    const fingerprint = fingerprintOf({ customer: 'globex', rule: 'r', severity: 'warning' });
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(alertSchema.shape.fingerprint.safeParse(fingerprint).success).toBe(true);
  });
});
