import { describe, expect, it } from 'vitest';
import { componentField, createKeys, parseComponentField } from './keys.js';

// Redis Cluster hashes only the part between the first `{` and the next `}`.
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('store keys', () => {
  it('gives every key of one customer the same hash tag, so one script stays in one cluster slot', () => {
    const k = createKeys('tw').customer('acme');
    const all = [
      k.factors,
      k.versions,
      k.shared,
      k.summary,
      k.history,
      k.feed,
      k.progress,
      k.assets,
      k.components,
      k.fleetMeta,
      k.snapshots,
      k.dedupe('src/evt-1'),
    ];
    expect(new Set(all.map(hashTag))).toEqual(new Set(['acme']));
    expect(new Set(all).size).toBe(all.length);
  });

  it('encodes braces and colons in ids so a customer id can neither break its tag nor collide', () => {
    const keys = createKeys('tw');
    expect(hashTag(keys.customer('a}b{c').factors)).toBe('a%7Db%7Bc');
    const ids = ['a', 'a:b', 'a%3Ab', 'a}:b', '{a}'];
    expect(new Set(ids.map((id) => keys.customer(id).factors)).size).toBe(ids.length);
    expect(new Set(ids.map((id) => keys.customer('x').dedupe(id))).size).toBe(ids.length);
  });

  it('refuses a prefix that would carry a hash tag of its own', () => {
    expect(() => createKeys('tw{x}')).toThrow(RangeError);
    expect(() => createKeys('a'.repeat(65))).toThrow(RangeError);
  });

  it('treats an empty prefix as none and ignores a trailing colon', () => {
    expect(createKeys('').sharedFactor('f')).toBe('f:{f}');
    expect(createKeys('tw:').sharedFactor('f')).toBe(createKeys('tw').sharedFactor('f'));
  });

  it('reads a component field back into the product, component and version it was built from', () => {
    const field = componentField('Super|Micro', 'X12', 'BMC', '1.0');
    expect(parseComponentField(field)).toEqual({
      vendor: 'Super|Micro',
      model: 'X12',
      component: 'BMC',
      version: '1.0',
    });
    expect(parseComponentField('a|b')).toBeNull();
  });
});
